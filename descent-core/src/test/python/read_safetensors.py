#!/usr/bin/python3
"""Reads a safetensors file with nothing but the standard library and numpy, following the format
spec (https://github.com/huggingface/safetensors#format), and prints one JSON object:
{"metadata": {...}, "tensors": {name: {"shape": [...], "values": [...]}}}.

Used by SafeTensorsTest to check that descent's files are readable by Python tools. Checked with
numpy 1.24.2 (Debian 12's python3-numpy); the safetensors package itself is not installed here.
"""
import json
import struct
import sys

import numpy as np


def main(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    data = raw[8 + n :]
    out = {"metadata": header.pop("__metadata__", {}), "tensors": {}}
    for name, info in header.items():
        assert info["dtype"] == "F32", info
        begin, end = info["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"])
        out["tensors"][name] = {
            "shape": list(array.shape),
            "values": [float(v) for v in array.ravel()],
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
