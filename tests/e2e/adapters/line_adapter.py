#!/usr/bin/env python3
"""An adapter for the shipped line-protocol nodes (nodes/tcp_counter,
tcp_counter_broken, udp_counter): `add N` -> `ok`, `read` -> `value V`, any
other line echoed. Workloads: pn-counter / g-counter (add, read) and echo.

It reaches each node at the address the harness gives on init (through the
proxy plane). options: {"port": "client", "proto": "tcp"|"udp", "timeout": s}.
Errors follow docs/adapters.md: nothing sent -> 11 (definite); a read that
failed -> 11; a write whose fate is unknown -> 0 (timeout) or 13 (the
connection dropped), with the OS error in `text` (e.g. ECONNRESET).
"""
import json, socket, sys

init = json.loads(sys.stdin.readline())
options = init.get("options", {})
port_name = options.get("port", "client")
proto = options.get("proto", "tcp")
timeout = float(options.get("timeout", 1.0))
addresses = {n: ports[port_name] for n, ports in init["nodes"].items()}
conns = {}  # node -> (socket, file)


def log(*args):
    print(init["client_id"], *args, file=sys.stderr, flush=True)


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def endpoint(node):
    host, port = addresses[node].rsplit(":", 1)
    return host, int(port)


def tcp_call(node, line):
    sent = False
    try:
        if node not in conns:
            s = socket.create_connection(endpoint(node), timeout=timeout)
            conns[node] = (s, s.makefile("rb"))
        s, f = conns[node]
        s.settimeout(timeout)
        s.sendall((line + "\n").encode())
        sent = True
        reply = f.readline()
        if not reply:
            raise ConnectionError("connection closed by the peer")
        return reply.decode().rstrip("\n"), None, sent
    except (OSError, ConnectionError) as e:
        if node in conns:
            conns.pop(node)[0].close()
        return None, e, sent


def udp_call(node, line):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    try:
        s.sendto(line.encode(), endpoint(node))
        data, _ = s.recvfrom(65536)
        return data.decode(), None, True
    except OSError as e:
        return None, e, True
    finally:
        s.close()


def call(node, line):
    return (udp_call if proto == "udp" else tcp_call)(node, line)


def error_body(e, sent, write):
    text = "%s: %s" % (type(e).__name__, e)
    if not sent or not write:
        return {"type": "error", "code": 11, "text": text}
    code = 0 if isinstance(e, (socket.timeout, TimeoutError)) else 13
    return {"type": "error", "code": code, "text": text}


def answer(body):
    t = body["type"]
    if t == "add":
        reply, e, sent = call(node_of_request, "add %d" % body["delta"])
        if e:
            return error_body(e, sent, True)
        return {"type": "add_ok"} if reply == "ok" else {"type": "error", "code": 13, "text": "got " + reply}
    if t == "read":
        reply, e, sent = call(node_of_request, "read")
        if e:
            return error_body(e, sent, False)
        if not reply.startswith("value "):
            return {"type": "error", "code": 11, "text": "got " + reply}
        return {"type": "read_ok", "value": int(reply.split()[1])}
    if t == "echo":
        reply, e, sent = call(node_of_request, "echo " + json.dumps(body["echo"]))
        if e:
            return error_body(e, sent, False)
        return {"type": "echo_ok", "echo": json.loads(reply[5:])}
    return {"type": "error", "code": 10, "text": "not supported: " + t}


log("started, nodes at", addresses)
send({"type": "init_ok"})
for text in sys.stdin:
    request = json.loads(text)
    node_of_request = request["node"]
    body = answer(request["body"])
    if body["type"] == "error":
        log(request["node"], request["body"]["type"], "->", body["text"])
    send({"id": request["id"], "body": body})
