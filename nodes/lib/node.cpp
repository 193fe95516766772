// placeholder until the node library lands
