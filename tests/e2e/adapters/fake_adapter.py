#!/usr/bin/env python3
"""A fake adapter for the adapter-protocol tests: it is its own "system".

echo bodies are echoed; lin-kv read/write/cas go to a JSON file shared by
every client, under an exclusive lock (so the store is linearizable and
survives the adapter's own restarts).

usage: fake_adapter.py STORE_DIR [MISBEHAVIOUR EVERY]
MISBEHAVIOUR, on every EVERY-th request of this process: crash (exit 3),
garbage (prints a line that is not a reply), silent (never answers),
wrong-id (answers with another request id).
"""
import fcntl, json, os, sys

store_dir = sys.argv[1]
misbehaviour = sys.argv[2] if len(sys.argv) > 2 else None
every = int(sys.argv[3]) if len(sys.argv) > 3 else 0


def kv(body):
    with open(os.path.join(store_dir, "store.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = os.path.join(store_dir, "store.json")
        data = json.load(open(path)) if os.path.exists(path) else {}
        key = json.dumps(body["key"])
        t = body["type"]
        if t == "write":
            data[key] = body["value"]
        elif key not in data:
            return {"type": "error", "code": 20, "text": "key does not exist"}
        elif t == "read":
            return {"type": "read_ok", "value": data[key]}
        elif data[key] != body["from"]:
            return {"type": "error", "code": 22, "text": "value differs"}
        else:
            data[key] = body["to"]
        with open(path + ".tmp", "w") as f:
            json.dump(data, f)
        os.replace(path + ".tmp", path)
        return {"type": t + "_ok"}


def answer(body):
    if body["type"] == "echo":
        return {"type": "echo_ok", "echo": body["echo"]}
    return kv(body)


def send(line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


init = json.loads(sys.stdin.readline())
print("fake adapter", init["client_id"], "started", file=sys.stderr, flush=True)
send({"type": "init_ok"})
count = 0
for text in sys.stdin:
    request = json.loads(text)
    count += 1
    if misbehaviour and count % every == 0:
        if misbehaviour == "crash":
            sys.exit(3)
        if misbehaviour == "garbage":
            send("this is not a reply")
            continue
        if misbehaviour == "silent":
            continue
        if misbehaviour == "wrong-id":
            send({"id": request["id"] + 1000, "body": answer(request["body"])})
            continue
    send({"id": request["id"], "body": answer(request["body"])})
