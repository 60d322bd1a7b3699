#!/usr/bin/python3
"""Reference values for descent-core's data tests (IdxRealFilesTest).

Reads the real MNIST test set (../shared/datasets/mnist) and Debian's Fashion-MNIST
(/usr/share/datasets/fashion-mnist) with NumPy alone, independently of the Java reader,
and prints the numbers the tests assert. Run: /usr/bin/python3 scripts/data_reference.py
Generated with Python 3 and NumPy 1.24.2 (Debian's python3-numpy).
"""
import gzip
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    if magic == 2051:
        n, r, c = (int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, r * c)
    return np.frombuffer(data, np.uint8, offset=8)


def report(name, images, labels):
    x, y = idx(images), idx(labels)
    print(f"{name}: count={len(y)} first_labels={y[:10].tolist()}")
    print(f"  pixel_sum={int(x.astype(np.int64).sum())} first_image_sum={int(x[0].astype(np.int64).sum())}")
    print(f"  label_counts={np.bincount(y, minlength=10).tolist()}")
    print(f"  pixel[0,152..156]={x[0, 152:157].tolist()}")


print("numpy", np.__version__, "python", sys.version.split()[0])
mnist = os.path.join(ROOT, "..", "shared", "datasets", "mnist")
report("mnist t10k", os.path.join(mnist, "t10k-images-idx3-ubyte.gz"),
       os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"))
fashion = "/usr/share/datasets/fashion-mnist"
report("fashion-mnist train", os.path.join(fashion, "train-images-idx3-ubyte.gz"),
       os.path.join(fashion, "train-labels-idx1-ubyte.gz"))
report("fashion-mnist t10k", os.path.join(fashion, "t10k-images-idx3-ubyte.gz"),
       os.path.join(fashion, "t10k-labels-idx1-ubyte.gz"))
