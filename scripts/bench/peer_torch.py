"""The PyTorch peer of the project's GT (docs/METHOD.md §2), for speed ratios measured interleaved on one machine.

Written by hand (no DGL here): the same sparse layer with index_add_ for the segment sums, the paper's clamped
exp, BatchNorm1d, MLPReadout, L1 loss and Adam. Weights and batches come from the TypeScript driver
(scripts/bench/peer.ts) as x·W matrices ([in, out], the project's layout). One thread (torch.set_num_threads(1)).

Protocol: argv[1] is the export folder (meta.json + weights.bin + batches.bin). Then one command a line on
stdin, one JSON line back: "step" (one training step: forward, backward, Adam), "scan" (eval forward with
captures read back over every test batch), "matmul <json shapes>" (plain products at those shapes), "quit". Each answer has wall ms and this process's cpu ms.
"""

import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
folder = sys.argv[1]
meta = json.load(open(f"{folder}/meta.json"))
blob = np.fromfile(f"{folder}/weights.bin", dtype=np.float32)
batches_blob = open(f"{folder}/batches.bin", "rb").read()
L, H, D = meta["layers"], meta["heads"], meta["hidden"]
d = D // H

params = {}
buffers = {}
for w in meta["weights"]:
    t = torch.from_numpy(blob[w["offset"] : w["offset"] + w["size"]].copy()).reshape(w["shape"])
    if w["trainable"]:
        params[w["name"]] = t.requires_grad_(True)
    else:
        buffers[w["name"]] = t


def array(spec):
    dtype = {"int32": np.int32, "float32": np.float32}[spec["dtype"]]
    a = np.frombuffer(batches_blob, dtype=dtype, count=spec["length"], offset=spec["offset"])
    return torch.from_numpy(a.astype(np.int64) if dtype == np.int32 else a.copy())


def load_batch(b):
    return {k: (array(v) if isinstance(v, dict) else v) for k, v in b.items()}


train_batch = load_batch(meta["train"])
test_batches = [load_batch(b) for b in meta["test"]]


def linear(x, name):
    y = x @ params[f"{name}.weight"]
    bias = params.get(f"{name}.bias")
    return y + bias if bias is not None else y


def batch_norm(x, name, training):
    return F.batch_norm(
        x,
        buffers[f"{name}.running_mean"],
        buffers[f"{name}.running_var"],
        params[f"{name}.weight"],
        params[f"{name}.bias"],
        training=training,
        momentum=0.1,
        eps=1e-5,
    )


def post_attention(prefix, stream, x, attended, training):
    x1 = batch_norm(x + linear(attended, f"{prefix}.O_{stream}"), f"{prefix}.batch_norm1_{stream}", training)
    ffn = linear(F.relu(linear(x1, f"{prefix}.FFN_{stream}_layer1")), f"{prefix}.FFN_{stream}_layer2")
    return batch_norm(x1 + ffn, f"{prefix}.batch_norm2_{stream}", training)


def forward(b, training, capture):
    src, dst, n = b["src"], b["dst"], b["numNodes"]
    h = params["embedding_h.weight"][b["nodeFeatures"]]
    e = params["embedding_e.weight"][b["edgeFeatures"]]
    captures = []
    for i in range(L):
        a = f"layers.{i}.attention"
        q = linear(h, f"{a}.Q").view(-1, H, d)
        k = linear(h, f"{a}.K").view(-1, H, d)
        v = linear(h, f"{a}.V").view(-1, H, d)
        p = linear(e, f"{a}.proj_e").view(-1, H, d)
        s = k[src] * q[dst] / math.sqrt(d) * p
        w = torch.exp(torch.clamp(s.sum(-1), -5, 5))
        num = torch.zeros(n, H, d).index_add_(0, dst, w.unsqueeze(-1) * v[src])
        den = torch.zeros(n, H).index_add_(0, dst, w)
        node_attn = (num / (den.unsqueeze(-1) + 1e-6)).reshape(n, D)
        edge_score = s.reshape(-1, D)
        if capture:
            captures.append((edge_score, w / (den[dst] + 1e-6), node_attn))
        h_next = post_attention(f"layers.{i}", "h", h, node_attn, training)
        if i < L - 1:
            e = post_attention(f"layers.{i}", "e", e, edge_score, training)
        h = h_next
    graphs = b["numGraphs"]
    pooled = torch.zeros(graphs, D).index_add_(0, b["graphOfNode"], h)
    counts = torch.zeros(graphs).index_add_(0, b["graphOfNode"], torch.ones(n)).clamp(min=1)
    pooled = pooled / counts.unsqueeze(-1)
    x = F.relu(linear(pooled, "MLP_layer.FC_layers.0"))
    x = F.relu(linear(x, "MLP_layer.FC_layers.1"))
    return linear(x, "MLP_layer.FC_layers.2"), captures


# eps 1e-7: tfjs's Adam default, which the project uses (PyTorch's is 1e-8).
optimizer = torch.optim.Adam(list(params.values()), lr=meta["lr"], eps=1e-7)


def step():
    start, cpu = time.perf_counter(), time.process_time()
    optimizer.zero_grad()
    out, _ = forward(train_batch, True, False)
    loss = (out.reshape(-1) - train_batch["targets"]).abs().mean()
    loss.backward()
    optimizer.step()
    loss_value = loss.item()
    return {"ms": (time.perf_counter() - start) * 1000, "cpuMs": (time.process_time() - cpu) * 1000, "loss": loss_value}


def scan():
    start, cpu = time.perf_counter(), time.process_time()
    with torch.no_grad():
        edges = 0
        for b in test_batches:
            _, captures = forward(b, False, True)
            for edge_score, _, _ in captures:
                edges += edge_score.numpy().shape[0]
    return {"ms": (time.perf_counter() - start) * 1000, "cpuMs": (time.process_time() - cpu) * 1000, "edges": edges // L}


def matmul(shapes):
    """Wall ms of plain matrix products at the given shapes (the project's, from tfjs's profile), one after another."""
    inputs = [(torch.randn(s["batch"], s["m"], s["k"]), torch.randn(s["batch"], s["k"], s["n"])) for s in shapes]
    start = time.perf_counter()
    with torch.no_grad():
        for a, b in inputs:
            torch.matmul(a, b)
    return {"ms": (time.perf_counter() - start) * 1000}


print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "quit":
        break
    if command.startswith("matmul "):
        answer = matmul(json.loads(command[len("matmul ") :]))
    else:
        answer = step() if command == "step" else scan()
    print(json.dumps(answer), flush=True)
