#pragma once
// What sits at the end of a link. Shared by the network owner and every
// plane that carries traffic (router, proxy).
namespace faultline::nemesis {

enum class EndpointKind { Node, Client, Service };

}  // namespace faultline::nemesis
