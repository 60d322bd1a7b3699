#!/usr/bin/python3
"""Float32 reference trajectories for descent's fused float32 optimizer path, from torch.optim.

Run from the repository root with Debian's Python (python3-torch):

    /usr/bin/python3 descent-core/src/test/python/optim_float32_reference.py

It writes descent-core/src/test/resources/optim/reference_float32.csv, one row per array:
    case,spec,step,key,values
`values` are float32 numbers separated by spaces, printed with Python's repr of the widened double
(exact round trip). Rows with case -1 (spec "grad") are the gradient stream every case uses: key
"a" or "b", step t = the gradient of update t. Every case then has step 0 (the start) and steps
1..STEPS, with key "a" and "b" for the parameters and "a/<slot>", "b/<slot>" for torch's state
under descent's slot names. The first line is a comment recording the torch version.

The model is two float32 tensors: "a" (7 values, weight decay applies) and "b" (3 values, in a
param group with weight_decay=0, as descent's Parameter.decay() == false). The gradients are a
fixed seeded stream, not a function of the parameters, so a rounding difference in one step does
not feed back into later gradients: the comparison checks the optimizers alone. Every optimizer
runs PyTorch's default single-tensor path (foreach=False in 1.13); clip_norm and clip_value are
torch.nn.utils.clip_grad_norm_ / clip_grad_value_ over both tensors before step().
"""
import os

import numpy as np
import torch

STEPS = 30
SIZES = {"a": 7, "b": 3}
O = torch.optim

# (descent spec, torch optimizer factory taking param groups, clip_norm, clip_value); clip_value
# keeps descent on its float64 chain, so no case here uses it
CASES = [
    ("sgd(lr=0.1)", lambda g: O.SGD(g, lr=0.1), None, None),
    ("sgd(lr=0.05,weight_decay=0.1,maximize=true)",
     lambda g: O.SGD(g, lr=0.05, weight_decay=0.1, maximize=True), None, None),
    ("momentum(lr=0.05,dampening=0.25,weight_decay=0.01)",
     lambda g: O.SGD(g, lr=0.05, momentum=0.9, dampening=0.25, weight_decay=0.01), None, None),
    ("nesterov(lr=0.05,momentum=0.7,weight_decay=0.02)",
     lambda g: O.SGD(g, lr=0.05, momentum=0.7, nesterov=True, weight_decay=0.02), None, None),
    ("sgd(lr=0.1,momentum=0.5,clip_norm=0.5)", lambda g: O.SGD(g, lr=0.1, momentum=0.5), 0.5, None),
    ("adam(lr=0.01)", lambda g: O.Adam(g, lr=0.01), None, None),
    ("adam(lr=0.01,beta1=0.5,beta2=0.8,eps=0.001,weight_decay=0.1,amsgrad=true)",
     lambda g: O.Adam(g, lr=0.01, betas=(0.5, 0.8), eps=1e-3, weight_decay=0.1, amsgrad=True),
     None, None),
    ("adam(lr=0.02,maximize=true)", lambda g: O.Adam(g, lr=0.02, maximize=True), None, None),
    ("adamw(lr=0.01,weight_decay=0.3)", lambda g: O.AdamW(g, lr=0.01, weight_decay=0.3), None, None),
    ("adamw(lr=0.01,weight_decay=0.1,amsgrad=true,clip_norm=1)",
     lambda g: O.AdamW(g, lr=0.01, weight_decay=0.1, amsgrad=True), 1.0, None),
    ("rmsprop(lr=0.01)", lambda g: O.RMSprop(g, lr=0.01), None, None),
    ("rmsprop(lr=0.01,rho=0.9,momentum=0.8,centered=true,eps=0.001,weight_decay=0.05)",
     lambda g: O.RMSprop(g, lr=0.01, alpha=0.9, momentum=0.8, centered=True, eps=1e-3,
                         weight_decay=0.05), None, None),
    ("rmsprop(lr=0.005,momentum=0.5)", lambda g: O.RMSprop(g, lr=0.005, momentum=0.5), None, None),
    ("rmsprop(lr=0.005,centered=true)", lambda g: O.RMSprop(g, lr=0.005, centered=True), None, None),
    ("adagrad(lr=0.1)", lambda g: O.Adagrad(g, lr=0.1), None, None),
    ("adagrad(lr=0.1,lr_decay=0.1,initial_accumulator=0.5,weight_decay=0.1,eps=1e-6)",
     lambda g: O.Adagrad(g, lr=0.1, lr_decay=0.1, initial_accumulator_value=0.5, weight_decay=0.1,
                         eps=1e-6), None, None),
    ("adamax(lr=0.02)", lambda g: O.Adamax(g, lr=0.02), None, None),
    ("adamax(lr=0.02,beta1=0.5,beta2=0.9,eps=0.001,weight_decay=0.1,maximize=true)",
     lambda g: O.Adamax(g, lr=0.02, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.1, maximize=True),
     None, None),
    ("adadelta", lambda g: O.Adadelta(g), None, None),
    ("adadelta(lr=0.5,rho=0.8,eps=0.0001,weight_decay=0.1,clip_norm=2)",
     lambda g: O.Adadelta(g, lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1), 2.0, None),
]

# torch state key -> descent slot name, per optimizer class
SLOTS = {
    O.SGD: {"momentum_buffer": "momentum_buffer"},
    O.Adam: {"exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq", "max_exp_avg_sq": "max_exp_avg_sq"},
    O.AdamW: {"exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq", "max_exp_avg_sq": "max_exp_avg_sq"},
    O.RMSprop: {"square_avg": "square_avg", "grad_avg": "grad_avg",
                "momentum_buffer": "momentum_buffer"},
    O.Adagrad: {"sum": "sum"},
    O.Adamax: {"exp_avg": "exp_avg", "exp_inf": "exp_inf"},
    O.Adadelta: {"square_avg": "square_avg", "acc_delta": "acc_delta"},
}


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().numpy().astype(np.float32).ravel())


def main():
    torch.set_default_dtype(torch.float32)
    rng = np.random.default_rng(20261129)
    start = {k: rng.standard_normal(n).astype(np.float32) for k, n in SIZES.items()}
    grads = [{k: rng.standard_normal(n).astype(np.float32) for k, n in SIZES.items()}
             for _ in range(STEPS)]
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "optim", "reference_float32.csv")
    with open(out, "w") as f:
        f.write("# generated by descent-core/src/test/python/optim_float32_reference.py"
                " with torch %s, numpy %s\n" % (torch.__version__, np.__version__))
        f.write("case,spec,step,key,values\n")
        for t, g in enumerate(grads, start=1):
            for k in SIZES:
                f.write('-1,"grad",%d,%s,%s\n' % (t, k, fmt(torch.from_numpy(g[k]))))
        for i, (spec, make, clip_norm, clip_value) in enumerate(CASES):
            p = {k: torch.nn.Parameter(torch.from_numpy(start[k].copy())) for k in SIZES}
            opt = make([{"params": [p["a"]]}, {"params": [p["b"]], "weight_decay": 0.0}])
            names = SLOTS[type(opt)]
            for k in SIZES:
                f.write('%d,"%s",0,%s,%s\n' % (i, spec, k, fmt(p[k])))
            for t, g in enumerate(grads, start=1):
                for k in SIZES:
                    p[k].grad = torch.from_numpy(g[k].copy())
                if clip_norm is not None:
                    torch.nn.utils.clip_grad_norm_([p["a"], p["b"]], clip_norm)
                if clip_value is not None:
                    torch.nn.utils.clip_grad_value_([p["a"], p["b"]], clip_value)
                opt.step()
                for k in SIZES:
                    if not torch.isfinite(p[k]).all():
                        raise SystemExit("case %s diverged at step %d" % (spec, t))
                    f.write('%d,"%s",%d,%s,%s\n' % (i, spec, t, k, fmt(p[k])))
                    for key, value in sorted(opt.state[p[k]].items()):
                        if key in names and torch.is_tensor(value) and value.numel() == SIZES[k]:
                            assert value.dtype == torch.float32, (spec, key, value.dtype)
                            f.write('%d,"%s",%d,%s/%s,%s\n' % (i, spec, t, k, names[key], fmt(value)))
    print("wrote", os.path.normpath(out), len(CASES), "cases")


if __name__ == "__main__":
    main()
