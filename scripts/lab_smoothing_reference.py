#!/usr/bin/python3
"""Reference values for dev.descent.lab.Smoothing: Deep Learning from Scratch's smooth_curve
(common/util.py), verbatim, applied to a fixed series. Prints the numpy version and the values
pasted into SmoothingTest. Run: /usr/bin/python3 scripts/lab_smoothing_reference.py"""
import numpy as np


def smooth_curve(x):
    window_len = 11
    s = np.r_[x[window_len - 1:0:-1], x, x[-1:-window_len:-1]]
    w = np.kaiser(window_len, 2)
    y = np.convolve(w / w.sum(), s, mode="valid")
    return y[5:len(y) - 5]


x = np.array([2.3 / (1 + 0.1 * t) + 0.2 * np.sin(1.7 * t) for t in range(25)])
print("numpy", np.__version__)
print("input", ", ".join(repr(float(v)) for v in x))
print("kaiser", ", ".join(repr(float(v)) for v in np.kaiser(11, 2)))
print("smoothed", ", ".join(repr(float(v)) for v in smooth_curve(x)))
