#!/usr/bin/env python3
"""Writes PyTorch's learning-rate scheduler values as reference data for descent's schedule tests.

Run from the repository root with Debian's python3-torch (1.13):

    /usr/bin/python3 descent-core/src/test/python/schedule_reference.py

Writes two tab-separated files next to the tests
(descent-core/src/test/resources/dev/descent/schedule/):

- torch_schedules.tsv: `spec<TAB>step<TAB>value`, the value a PyTorch scheduler gives to the optimizer
  for update `step` after `step` calls of scheduler.step(), for each descent spec string below.
  `*_momentum` specs record the momentum that OneCycleLR / CyclicLR set alongside the rate.
- torch_plateau.tsv: `spec<TAB>epoch<TAB>metric<TAB>lr`, the rate ReduceLROnPlateau leaves after being
  fed `metric` at `epoch` (1-based).

The header comment of each file records torch.__version__. Values are printed with repr(), which
round-trips doubles exactly.
"""
import math
import os
import random
import warnings

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "descent", "schedule")


def optimizer(lr, momentum=0.0):
    return SGD([torch.zeros(1, dtype=torch.float64, requires_grad=True)], lr=lr, momentum=momentum)


def run(make, lr, steps, key="lr", momentum=0.0):
    """Values of param_groups[0][key] before each of `steps` updates."""
    opt = optimizer(lr, momentum)
    sched = make(opt)
    values = []
    for t in range(steps):
        values.append(float(opt.param_groups[0][key]))
        if t + 1 < steps:
            opt.step()
            sched.step()
    return values


def lam(f):
    return lambda opt: S.LambdaLR(opt, f)


def inverse_sqrt(warmup):
    w = max(warmup, 1)
    return lambda t: min((t + 1) / w, math.sqrt(w / (t + 1)))


def warmup(steps, start_factor, then):
    def make(opt):
        first = S.LinearLR(opt, start_factor=start_factor, end_factor=1.0, total_iters=steps)
        second = then(opt)
        return S.SequentialLR(opt, [first, second], milestones=[steps])

    return make


CASES = [
    ("constant(lr=0.1)", lam(lambda t: 1.0), 0.1, 50),
    ("step(lr=0.1,step_size=30)", lambda o: S.StepLR(o, step_size=30), 0.1, 300),
    ("step(lr=0.5,step_size=7,gamma=0.5)", lambda o: S.StepLR(o, step_size=7, gamma=0.5), 0.5, 100),
    ("multistep(lr=0.1,milestones=[30,60,90])", lambda o: S.MultiStepLR(o, [30, 60, 90]), 0.1, 120),
    ("multistep(lr=1,milestones=[1,2,50],gamma=0.5)", lambda o: S.MultiStepLR(o, [1, 2, 50], gamma=0.5), 1.0, 80),
    ("exponential(lr=0.1,gamma=0.99)", lambda o: S.ExponentialLR(o, gamma=0.99), 0.1, 300),
    ("exponential(lr=0.1,k=0.01)", lam(lambda t: math.exp(-0.01 * t)), 0.1, 300),
    ("inverse_time(lr=0.1,k=0.05)", lam(lambda t: 1 / (1 + 0.05 * t)), 0.1, 300),
    ("inverse_sqrt(lr=0.1)", lam(inverse_sqrt(0)), 0.1, 300),
    ("inverse_sqrt(lr=0.1,warmup=20)", lam(inverse_sqrt(20)), 0.1, 300),
    ("linear(lr=0.1,t_max=100)", lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.0, total_iters=100), 0.1, 150),
    ("polynomial(lr=0.1,t_max=100,power=2)", lambda o: S.PolynomialLR(o, total_iters=100, power=2.0), 0.1, 150),
    ("polynomial(lr=0.1,t_max=40,power=0.5)", lambda o: S.PolynomialLR(o, total_iters=40, power=0.5), 0.1, 60),
    ("polynomial(lr=0.1)", lambda o: S.PolynomialLR(o), 0.1, 10),
    ("cosine(lr=0.1,t_max=100,eta_min=0.001)", lambda o: S.CosineAnnealingLR(o, T_max=100, eta_min=0.001), 0.1, 300),
    ("cosine(lr=0.1,t_max=50)", lambda o: S.CosineAnnealingLR(o, T_max=50), 0.1, 120),
    ("cosine_restarts(lr=0.1,t_0=10,t_mult=2,eta_min=0.001)",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=0.001), 0.1, 300),
    ("cosine_restarts(lr=0.1,t_0=25)", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=25), 0.1, 300),
    ("cosine_restarts(lr=0.1,t_0=7,t_mult=3)", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=3), 0.1, 300),
    ("warmup(steps=10,start_factor=0.1,then=cosine(lr=0.1,t_max=90))",
     warmup(10, 0.1, lambda o: S.CosineAnnealingLR(o, T_max=90)), 0.1, 200),
    ("warmup(then=multistep(lr=0.1,milestones=[30,60]))",
     warmup(5, 1.0 / 3, lambda o: S.MultiStepLR(o, [30, 60])), 0.1, 100),
    ("warmup(steps=20,start_factor=0.01,then=exponential(lr=0.1,gamma=0.98))",
     warmup(20, 0.01, lambda o: S.ExponentialLR(o, gamma=0.98)), 0.1, 200),
]

for spec, three_phase, strategy, pct in [
    ("max_lr=0.1,total_steps=100", False, "cos", 0.3),
    ("max_lr=0.1,total_steps=250,three_phase=true", True, "cos", 0.3),
    ("max_lr=0.05,total_steps=200,pct_start=0.25,anneal_strategy=linear", False, "linear", 0.25),
    ("max_lr=0.05,total_steps=300,pct_start=0.4,anneal_strategy=linear,div_factor=10,"
     "final_div_factor=100,three_phase=true", True, "linear", 0.4),
]:
    total = int(spec.split("total_steps=")[1].split(",")[0])
    max_lr = float(spec.split("max_lr=")[1].split(",")[0])
    div = float(spec.split("div_factor=")[1].split(",")[0]) if ",div_factor=" in spec else 25.0
    final = float(spec.split("final_div_factor=")[1].split(",")[0]) if "final_div_factor=" in spec else 1e4

    def make(o, max_lr=max_lr, total=total, pct=pct, strategy=strategy, div=div, final=final,
             three_phase=three_phase):
        return S.OneCycleLR(o, max_lr=max_lr, total_steps=total, pct_start=pct, anneal_strategy=strategy,
                            div_factor=div, final_div_factor=final, three_phase=three_phase)

    # OneCycleLR accepts total_steps calls of step(): values for updates 0..total_steps.
    CASES.append(("onecycle(%s)" % spec, make, max_lr, total + 1))
    CASES.append(("onecycle_momentum(%s)" % spec, make, max_lr, total + 1, "momentum"))

for spec, kwargs in [
    ("base_lr=0.001,max_lr=0.1,step_size_up=20", dict(step_size_up=20)),
    ("base_lr=0.001,max_lr=0.1,step_size_up=15,step_size_down=5,mode=triangular2",
     dict(step_size_up=15, step_size_down=5, mode="triangular2")),
    ("base_lr=0.01,max_lr=0.1,step_size_up=10,step_size_down=30,mode=exp_range,gamma=0.995",
     dict(step_size_up=10, step_size_down=30, mode="exp_range", gamma=0.995)),
]:
    def make(o, kwargs=kwargs, spec=spec):
        return S.CyclicLR(o, base_lr=float(spec.split("base_lr=")[1].split(",")[0]),
                          max_lr=float(spec.split("max_lr=")[1].split(",")[0]), **kwargs)

    CASES.append(("cyclic(%s)" % spec, make, 0.5, 300))
    CASES.append(("cyclic_momentum(%s)" % spec, make, 0.5, 300, "momentum"))

PLATEAU = [
    ("plateau(lr=0.1,patience=3)", dict(patience=3), "noisy"),
    ("plateau(lr=0.1,factor=0.5,patience=2,cooldown=3,min_lr=0.002)",
     dict(factor=0.5, patience=2, cooldown=3, min_lr=0.002), "noisy"),
    ("plateau(lr=0.1,patience=4,threshold=0.05,threshold_mode=abs)",
     dict(patience=4, threshold=0.05, threshold_mode="abs"), "noisy"),
    ("plateau(lr=0.1,patience=2,mode=max)", dict(patience=2, mode="max"), "rising"),
    ("plateau(lr=0.1,patience=1,mode=max,threshold=0.01,threshold_mode=abs,factor=0.3)",
     dict(patience=1, mode="max", threshold=0.01, threshold_mode="abs", factor=0.3), "rising"),
    ("plateau(lr=0.001,factor=0.9,patience=0)", dict(factor=0.9, patience=0), "noisy"),
]


def metrics(kind, n=120, seed=7):
    rng = random.Random(seed)
    out = []
    for e in range(n):
        trend = 2.0 / (1 + 0.1 * e)
        noise = 0.05 * rng.random()
        out.append(trend + noise if kind == "noisy" else 1.0 - trend / 2 + noise)
    return out


def main():
    header = "# generated by schedule_reference.py with torch %s\n" % torch.__version__
    with open(os.path.join(OUT, "torch_schedules.tsv"), "w") as f:
        f.write(header)
        for case in CASES:
            spec, make, lr, steps = case[:4]
            key = case[4] if len(case) > 4 else "lr"
            momentum = 0.9 if spec.startswith(("cyclic", "onecycle")) else 0.0
            for t, v in enumerate(run(make, lr, steps, key, momentum)):
                f.write("%s\t%d\t%r\n" % (spec, t, v))
    with open(os.path.join(OUT, "torch_plateau.tsv"), "w") as f:
        f.write(header)
        for spec, kwargs, kind in PLATEAU:
            lr = float(spec.split("lr=")[1].split(",")[0].rstrip(")"))
            opt = optimizer(lr)
            sched = S.ReduceLROnPlateau(opt, **kwargs)
            for epoch, m in enumerate(metrics(kind), start=1):
                sched.step(m)
                f.write("%s\t%d\t%r\t%r\n" % (spec, epoch, m, float(opt.param_groups[0]["lr"])))


if __name__ == "__main__":
    main()
