package dev.descent.optim;

import java.util.HashMap;
import java.util.Map;

/**
 * Plain per-element implementations of every optimizer, written from the formulas in PyTorch's
 * documentation and the papers, independent of the transform chain: the ground truth the fast path
 * is compared with on random shapes (PyTorch test_optim's "simple for-loop" idea).
 */
abstract class Textbook {
  double weightDecay;
  boolean decoupled;
  boolean maximize;
  double clipNorm = Double.POSITIVE_INFINITY;
  double clipValue = Double.POSITIVE_INFINITY;
  boolean float32;
  long t;
  private final Map<String, Map<Integer, double[]>> state = new HashMap<>();

  /** State array {@code name} of parameter {@code p}, created with {@code init} on first use. */
  double[] s(String name, int p, int n, double init) {
    return state
        .computeIfAbsent(name, k -> new HashMap<>())
        .computeIfAbsent(
            p,
            k -> {
              double[] a = new double[n];
              java.util.Arrays.fill(a, init);
              return a;
            });
  }

  /** The amount to subtract from x[i] of parameter p. */
  abstract double delta(int p, int n, int i, double g, double lr);

  void step(double[][] x, double[][] g, boolean[] decay, double lr) {
    t++;
    double sum = 0;
    for (double[] gp : g) {
      for (double v : gp) {
        sum += v * v;
      }
    }
    double coef = Math.min(1, clipNorm / (Math.sqrt(sum) + 1e-6));
    for (int p = 0; p < x.length; p++) {
      for (int i = 0; i < x[p].length; i++) {
        double gi = g[p][i];
        if (clipNorm != Double.POSITIVE_INFINITY) {
          gi *= coef;
        }
        gi = Math.max(-clipValue, Math.min(clipValue, gi));
        if (maximize) {
          gi = -gi;
        }
        double xi = x[p][i];
        if (decay[p] && !decoupled) {
          gi += weightDecay * xi;
        }
        double next = xi - delta(p, x[p].length, i, gi, lr);
        if (decay[p] && decoupled) {
          next -= lr * weightDecay * xi;
        }
        x[p][i] = float32 ? (float) next : next;
      }
    }
  }

  static Textbook sgd(double momentum, double dampening, boolean nesterov) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        if (momentum == 0) {
          return lr * g;
        }
        double[] b = s("buf", p, n, 0);
        b[i] = t == 1 ? g : momentum * b[i] + (1 - dampening) * g;
        return lr * (nesterov ? g + momentum * b[i] : b[i]);
      }
    };
  }

  static Textbook adagrad(double lrDecay, double init, double eps) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] h = s("sum", p, n, init);
        h[i] += g * g;
        return lr / (1 + (t - 1) * lrDecay) * g / (Math.sqrt(h[i]) + eps);
      }
    };
  }

  static Textbook rmsprop(double rho, double eps, double momentum, boolean centered) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] h = s("sq", p, n, 0);
        double[] a = s("avg", p, n, 0);
        double[] b = s("buf", p, n, 0);
        h[i] = rho * h[i] + (1 - rho) * g * g;
        a[i] = rho * a[i] + (1 - rho) * g;
        double denom = Math.sqrt(centered ? h[i] - a[i] * a[i] : h[i]) + eps;
        if (momentum > 0) {
          b[i] = momentum * b[i] + g / denom;
          return lr * b[i];
        }
        return lr * g / denom;
      }
    };
  }

  static Textbook adadelta(double rho, double eps) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] h = s("sq", p, n, 0);
        double[] d = s("acc", p, n, 0);
        h[i] = rho * h[i] + (1 - rho) * g * g;
        double step = Math.sqrt(d[i] + eps) / Math.sqrt(h[i] + eps) * g;
        d[i] = rho * d[i] + (1 - rho) * step * step;
        return lr * step;
      }
    };
  }

  static Textbook adam(double b1, double b2, double eps, boolean amsgrad) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] m = s("m", p, n, 0);
        double[] v = s("v", p, n, 0);
        double[] vmax = s("vmax", p, n, 0);
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        vmax[i] = Math.max(vmax[i], v[i]);
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = (amsgrad ? vmax[i] : v[i]) / (1 - Math.pow(b2, t));
        return lr * mHat / (Math.sqrt(vHat) + eps);
      }
    };
  }

  static Textbook nadam(double b1, double b2, double eps, double psi) {
    return new Textbook() {
      double muProduct = 1;
      long seen;

      double mu(long k) {
        return b1 * (1 - 0.5 * Math.pow(0.96, k * psi));
      }

      @Override
      double delta(int p, int n, int i, double g, double lr) {
        if (seen != t) {
          seen = t;
          muProduct *= mu(t);
        }
        double[] m = s("m", p, n, 0);
        double[] v = s("v", p, n, 0);
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double denom = Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps;
        return lr * (1 - mu(t)) / (1 - muProduct) * g / denom
            + lr * mu(t + 1) / (1 - muProduct * mu(t + 1)) * m[i] / denom;
      }
    };
  }

  static Textbook adamax(double b1, double b2, double eps) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] m = s("m", p, n, 0);
        double[] u = s("u", p, n, 0);
        m[i] = b1 * m[i] + (1 - b1) * g;
        u[i] = Math.max(b2 * u[i], Math.abs(g) + eps);
        return lr / (1 - Math.pow(b1, t)) * m[i] / u[i];
      }
    };
  }

  static Textbook radam(double b1, double b2, double eps) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] m = s("m", p, n, 0);
        double[] v = s("v", p, n, 0);
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double rhoInf = 2 / (1 - b2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(b2, t) / (1 - Math.pow(b2, t));
        if (rhoT <= 5) {
          return lr * mHat;
        }
        double r =
            Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        // PyTorch puts ε on √v before the bias correction: √(1−β2ᵗ)/(√v + ε)
        return lr * mHat * r * Math.sqrt(1 - Math.pow(b2, t)) / (Math.sqrt(v[i]) + eps);
      }
    };
  }

  static Textbook lion(double b1, double b2) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] m = s("m", p, n, 0);
        double c = b1 * m[i] + (1 - b1) * g;
        m[i] = b2 * m[i] + (1 - b2) * g;
        return lr * Math.signum(c);
      }
    };
  }

  static Textbook bookMomentum(double alpha, boolean nesterov) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] v = s("v", p, n, 0);
        v[i] = alpha * v[i] - lr * g;
        return nesterov ? -(alpha * alpha * v[i]) + (1 + alpha) * lr * g : -v[i];
      }
    };
  }

  static Textbook bookAdam(double b1, double b2, double eps) {
    return new Textbook() {
      @Override
      double delta(int p, int n, int i, double g, double lr) {
        double[] m = s("m", p, n, 0);
        double[] v = s("v", p, n, 0);
        m[i] += (1 - b1) * (g - m[i]);
        v[i] += (1 - b2) * (g * g - v[i]);
        double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        return lrT * m[i] / (Math.sqrt(v[i]) + eps);
      }
    };
  }

  Textbook with(double wd, boolean decoupledDecay) {
    this.weightDecay = wd;
    this.decoupled = decoupledDecay;
    return this;
  }
}
