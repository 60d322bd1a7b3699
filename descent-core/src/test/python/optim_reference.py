#!/usr/bin/python3
"""Reference trajectories for descent's optimizers, from PyTorch's torch.optim in float64.

Run from the repository root with Debian's Python (python3-torch):

    /usr/bin/python3 descent-core/src/test/python/optim_reference.py

It writes descent-core/src/test/resources/optim/reference.csv with one row per case and step:
    case,spec,function,step,x,y
where `spec` is descent's spec string, step 0 is the start and x,y are printed with repr (exact
round trip). The first line is a comment recording the torch version.

Gradients are the closed forms below (the Java test computes the same expressions), so the
comparison checks the optimizers alone. References:
  * torch.optim.* (single-tensor path) for sgd, momentum, nesterov, adagrad, rmsprop, adadelta,
    adam, amsgrad, adamw, adamax, radam;
  * torch.optim.NAdam(foreach=True): 1.13's single-tensor NAdam multiplies mu_t twice into the
    last term, a bug fixed in PyTorch 2.0 (pull request 92699); its foreach path is the fixed form;
  * lion: the paper's reference implementation (lucidrains/lion-pytorch) in torch ops;
  * *_book: the numpy code of "Deep Learning from Scratch" (common/optimizer.py) in float64;
  * clip_norm / clip_value: torch.nn.utils.clip_grad_norm_ / clip_grad_value_ before step().
"""
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def anisotropic(x, y):
    return (x / 10.0, 2.0 * y)


def rosenbrock(x, y):
    return (-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x))


FUNCTIONS = {"anisotropic": anisotropic, "rosenbrock": rosenbrock}


def torch_run(make, fn, start, steps, clip_norm=None, clip_value=None):
    p = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))
    opt = make([p])
    out = [tuple(p.detach().tolist())]
    for _ in range(steps):
        x, y = p.detach().tolist()
        p.grad = torch.tensor(fn(x, y), dtype=torch.float64)
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_([p], clip_norm)
        if clip_value is not None:
            torch.nn.utils.clip_grad_value_([p], clip_value)
        opt.step()
        out.append(tuple(p.detach().tolist()))
    return out


def lion_run(lr, beta1, beta2, wd, fn, start, steps):
    # lucidrains/lion-pytorch update_fn
    p = torch.tensor(start, dtype=torch.float64)
    exp_avg = torch.zeros_like(p)
    out = [tuple(p.tolist())]
    for _ in range(steps):
        grad = torch.tensor(fn(*p.tolist()), dtype=torch.float64)
        p.mul_(1 - lr * wd)
        update = exp_avg.clone().mul_(beta1).add(grad, alpha=1 - beta1).sign_()
        p.add_(update, alpha=-lr)
        exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)
        out.append(tuple(p.tolist()))
    return out


def book_run(kind, lr, fn, start, steps, momentum=0.9, beta1=0.9, beta2=0.999):
    # Deep Learning from Scratch, common/optimizer.py (Momentum, Nesterov, Adam)
    w = np.array(start, dtype=np.float64)
    v = np.zeros_like(w)
    m = np.zeros_like(w)
    it = 0
    out = [tuple(w.tolist())]
    for _ in range(steps):
        g = np.array(fn(*w.tolist()), dtype=np.float64)
        if kind == "momentum":
            v = momentum * v - lr * g
            w += v
        elif kind == "nesterov":
            v *= momentum
            v -= lr * g
            w += momentum * momentum * v
            w -= (1 + momentum) * lr * g
        else:
            it += 1
            lr_t = lr * np.sqrt(1.0 - beta2 ** it) / (1.0 - beta1 ** it)
            m += (1 - beta1) * (g - m)
            v += (1 - beta2) * (g ** 2 - v)
            w -= lr_t * m / (np.sqrt(v) + 1e-7)
        out.append(tuple(w.tolist()))
    return out


O = torch.optim
A = "anisotropic"
R = "rosenbrock"
SA = [-7.0, 2.0]
SR = [-1.2, 1.0]

# (descent spec, function, start, steps, runner)
CASES = [
    ("sgd(lr=0.95)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.95), f, s, n)),
    ("sgd(lr=0.001)", R, SR, 300, lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.001), f, s, n)),
    ("sgd(lr=0.1,weight_decay=0.3)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.1, weight_decay=0.3), f, s, n)),
    ("sgd(lr=0.01,maximize=true)", A, SA, 100,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.01, maximize=True), f, s, n)),
    ("sgd(lr=0.5,clip_norm=1)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.5), f, s, n, clip_norm=1.0)),
    ("momentum(lr=0.1)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.1, momentum=0.9), f, s, n)),
    ("momentum(lr=0.0005)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.0005, momentum=0.9), f, s, n)),
    ("momentum(lr=0.05,momentum=0.8,dampening=0.3)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.05, momentum=0.8, dampening=0.3), f, s, n)),
    ("nesterov(lr=0.1)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True), f, s, n)),
    ("nesterov(lr=0.0005,momentum=0.95,weight_decay=0.01)", R, SR, 300,
     lambda f, s, n: torch_run(
         lambda p: O.SGD(p, lr=0.0005, momentum=0.95, nesterov=True, weight_decay=0.01), f, s, n)),
    ("adagrad(lr=1.5)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.Adagrad(p, lr=1.5), f, s, n)),
    ("adagrad(lr=0.1)", R, SR, 300, lambda f, s, n: torch_run(lambda p: O.Adagrad(p, lr=0.1), f, s, n)),
    ("adagrad(lr=0.5,lr_decay=0.01,initial_accumulator=0.1,weight_decay=0.01,eps=1e-6)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.Adagrad(
         p, lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.01, eps=1e-6),
         f, s, n)),
    ("rmsprop(lr=0.01)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.RMSprop(p, lr=0.01), f, s, n)),
    ("rmsprop(lr=0.001)", R, SR, 300, lambda f, s, n: torch_run(lambda p: O.RMSprop(p, lr=0.001), f, s, n)),
    ("rmsprop(lr=0.01,centered=true,momentum=0.5)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.RMSprop(p, lr=0.01, centered=True, momentum=0.5), f, s, n)),
    ("rmsprop(lr=0.05,rho=0.9,weight_decay=0.1,eps=1e-6)", A, SA, 200,
     lambda f, s, n: torch_run(
         lambda p: O.RMSprop(p, lr=0.05, alpha=0.9, weight_decay=0.1, eps=1e-6), f, s, n)),
    ("adadelta", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.Adadelta(p), f, s, n)),
    ("adadelta(lr=2,rho=0.95,weight_decay=0.01)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.Adadelta(p, lr=2, rho=0.95, weight_decay=0.01), f, s, n)),
    ("adam(lr=0.3)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.Adam(p, lr=0.3), f, s, n)),
    ("adam(lr=0.05)", R, SR, 300, lambda f, s, n: torch_run(lambda p: O.Adam(p, lr=0.05), f, s, n)),
    ("adam(lr=0.1,beta1=0.5,beta2=0.9,eps=1e-3,weight_decay=0.1,amsgrad=true)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.Adam(
         p, lr=0.1, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.1, amsgrad=True), f, s, n)),
    ("adam(lr=0.1,maximize=true,clip_value=0.5)", A, SA, 100,
     lambda f, s, n: torch_run(lambda p: O.Adam(p, lr=0.1, maximize=True), f, s, n, clip_value=0.5)),
    ("amsgrad(lr=0.05)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.Adam(p, lr=0.05, amsgrad=True), f, s, n)),
    ("adamw(lr=0.3)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.AdamW(p, lr=0.3), f, s, n)),
    ("adamw(lr=0.05,weight_decay=0.5,amsgrad=true)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.AdamW(p, lr=0.05, weight_decay=0.5, amsgrad=True), f, s, n)),
    ("nadam(lr=0.3)", A, SA, 200,
     lambda f, s, n: torch_run(lambda p: O.NAdam(p, lr=0.3, foreach=True), f, s, n)),
    ("nadam(lr=0.05,weight_decay=0.1,momentum_decay=0.01)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.NAdam(
         p, lr=0.05, weight_decay=0.1, momentum_decay=0.01, foreach=True), f, s, n)),
    ("adamax(lr=0.3)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.Adamax(p, lr=0.3), f, s, n)),
    ("adamax(lr=0.05,weight_decay=0.1)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.Adamax(p, lr=0.05, weight_decay=0.1), f, s, n)),
    ("radam(lr=0.3)", A, SA, 200, lambda f, s, n: torch_run(lambda p: O.RAdam(p, lr=0.3), f, s, n)),
    ("radam(lr=0.002,beta2=0.99,weight_decay=0.1)", R, SR, 300,
     lambda f, s, n: torch_run(lambda p: O.RAdam(p, lr=0.002, betas=(0.9, 0.99), weight_decay=0.1),
                               f, s, n)),
    ("lion(lr=0.03)", A, SA, 200, lambda f, s, n: lion_run(0.03, 0.9, 0.99, 0.0, f, s, n)),
    ("lion(lr=0.001,beta1=0.95,beta2=0.98,weight_decay=0.1)", R, SR, 300,
     lambda f, s, n: lion_run(0.001, 0.95, 0.98, 0.1, f, s, n)),
    ("momentum_book(lr=0.1)", A, SA, 200, lambda f, s, n: book_run("momentum", 0.1, f, s, n)),
    ("nesterov_book(lr=0.1,momentum=0.8)", A, SA, 200,
     lambda f, s, n: book_run("nesterov", 0.1, f, s, n, momentum=0.8)),
    ("adam_book(lr=0.3)", A, SA, 200, lambda f, s, n: book_run("adam", 0.3, f, s, n)),
    ("adam_book(lr=0.05)", R, SR, 300, lambda f, s, n: book_run("adam", 0.05, f, s, n)),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "optim", "reference.csv")
    with open(out, "w") as f:
        f.write("# generated by descent-core/src/test/python/optim_reference.py with torch %s, numpy %s\n"
                % (torch.__version__, np.__version__))
        f.write("case,spec,function,step,x,y\n")
        for i, (spec, fname, start, steps, run) in enumerate(CASES):
            traj = run(FUNCTIONS[fname], start, steps)
            for t, (x, y) in enumerate(traj):
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise SystemExit("case %s diverged at step %d" % (spec, t))
                f.write('%d,"%s",%s,%d,%r,%r\n' % (i, spec, fname, t, x, y))
    print("wrote", os.path.normpath(out), len(CASES), "cases")


if __name__ == "__main__":
    main()
