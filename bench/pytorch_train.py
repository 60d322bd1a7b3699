#!/usr/bin/env python3
"""PyTorch side of bench/vs-pytorch.sh: steady-state training and inference throughput.

Same data (Fashion-MNIST IDX files, pixels scaled to [0, 1]), same networks and batch as
`descent bench train`. Prints one JSON line per measurement on stdout.

Thread settings: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS are read by the libraries when
they load, so the calling script sets them in the environment; --torch-threads is passed
to torch.set_num_threads.

Written for and checked with Debian's python3-torch 1.13.1 (CPU).
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data_dir):
    xs = {}
    for split, prefix in (("train", "train"), ("test", "t10k")):
        x = idx(os.path.join(data_dir, prefix + "-images-idx3-ubyte.gz"))
        y = idx(os.path.join(data_dir, prefix + "-labels-idx1-ubyte.gz"))
        xs[split] = (torch.from_numpy(x.reshape(len(x), -1).astype(np.float32) / 255.0),
                     torch.from_numpy(y.astype(np.int64)))
    return xs


def network(model, seed):
    torch.manual_seed(seed)
    if model == "mlp":
        widths, bn, dropout = [100] * 4, False, 0.0
    elif model == "bn-dropout":
        widths, bn, dropout = [100] * 6, True, 0.2
    else:
        raise ValueError("model must be mlp or bn-dropout, got " + model)
    layers, width = [], 784
    for h in widths:
        lin = nn.Linear(width, h)
        nn.init.kaiming_normal_(lin.weight, nonlinearity="relu")  # He: N(0, 2/fan_in)
        nn.init.zeros_(lin.bias)
        layers.append(lin)
        if bn:
            layers.append(nn.BatchNorm1d(h))
        layers.append(nn.ReLU())
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = h
    last = nn.Linear(width, 10)
    nn.init.kaiming_normal_(last.weight, nonlinearity="relu")
    nn.init.zeros_(last.bias)
    layers.append(last)
    return nn.Sequential(*layers)


def optimizer(name, params):
    if name == "adam":
        return torch.optim.Adam(params, lr=1e-3)
    if name == "sgd":
        return torch.optim.SGD(params, lr=0.01)
    raise ValueError("optimizer must be adam or sgd, got " + name)


def train_epoch(net, opt, x, y, batch, gen, limit=None):
    """One shuffled epoch (or `limit` samples); returns (samples, seconds)."""
    net.train()
    n = len(x) if limit is None else min(limit, len(x))
    perm = torch.randperm(len(x), generator=gen)[:n]
    loss_fn = nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        idx_ = perm[start:start + batch]
        xb, yb = x[idx_], y[idx_]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
    return n, time.perf_counter() - t0


def accuracy(net, x, y, batch):
    net.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), batch):
            correct += (net(x[start:start + batch]).argmax(1) == y[start:start + batch]).sum().item()
    return correct / len(x)


def inference(net, x, batch, rounds):
    """Predicted classes of `x` batch by batch, as `descent bench train` times them."""
    net.eval()
    rates = []
    with torch.no_grad():
        for r in range(rounds + 1):
            t0 = time.perf_counter()
            for start in range(0, len(x), batch):
                net(x[start:start + batch]).argmax(1)
            dt = time.perf_counter() - t0
            if r > 0:  # round 0 is the warm-up
                rates.append(len(x) / dt)
    return rates


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--model", default="mlp", choices=["mlp", "bn-dropout"])
    p.add_argument("--optimizer", default="adam", choices=["adam", "sgd"])
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3, help="timed epochs after the warm-up epochs")
    p.add_argument("--warmup", type=int, default=1, help="untimed warm-up epochs (at least 1)")
    p.add_argument("--limit", type=int, default=None, help="samples per epoch (default all)")
    p.add_argument("--inference", action="store_true",
                   help="time inference over the test set instead of training")
    p.add_argument("--rounds", type=int, default=5, help="inference rounds after a warm-up")
    p.add_argument("--torch-threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.torch_threads)
    data = load(a.data)
    net = network(a.model, a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    info = {"library": "pytorch", "version": torch.__version__, "model": a.model,
            "torch_threads": a.torch_threads,
            "omp_threads": os.environ.get("OMP_NUM_THREADS", ""),
            "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "")}
    if a.inference:
        opt = optimizer("adam", net.parameters())
        train_epoch(net, opt, *data["train"], a.batch, gen, limit=a.limit)
        rates = inference(net, data["test"][0], 1000, a.rounds)
        print(json.dumps(dict(info, kind="inference", batch=1000, samples_per_second=rates)))
        return
    opt = optimizer(a.optimizer, net.parameters())
    for _ in range(max(1, a.warmup)):  # warm-up epochs
        train_epoch(net, opt, *data["train"], a.batch, gen, limit=a.limit)
    rates = []
    for _ in range(a.epochs):
        n, dt = train_epoch(net, opt, *data["train"], a.batch, gen, limit=a.limit)
        rates.append(n / dt)
    out = dict(info, kind="train", optimizer=a.optimizer, batch=a.batch,
               samples_per_second=rates)
    if a.limit is None:
        out["test_accuracy"] = accuracy(net, *data["test"], 1000)
        out["epochs_trained"] = a.epochs + max(1, a.warmup)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
