package dev.descent.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ground truth for the fused float32 path: PyTorch's float32 update rules (torch/optim/*.py, 1.13,
 * single-tensor path) written out one element at a time with float variables, one operation per
 * PyTorch tensor operation, in PyTorch's order. Per-step factors are computed in double as PyTorch
 * computes them in Python and cast to float where a tensor operation receives them. Clipping by
 * global norm sums g² in double over all active parameters in order.
 */
abstract class Textbook32 {
  double clipNorm = Double.POSITIVE_INFINITY;
  boolean maximize;
  double weightDecay;
  long t;
  final Map<String, float[]> state = new LinkedHashMap<>();

  /** The per-element update of parameter {@code p}, element {@code i}, gradient {@code g}. */
  abstract float update(int p, int i, float x, float g, boolean decay, double lr);

  /** Creates slot {@code name} of every parameter, filled with {@code initial}. */
  void init(java.util.List<String> slots, int[] sizes, float initial) {
    for (String name : slots) {
      for (int p = 0; p < sizes.length; p++) {
        float[] a = new float[sizes[p]];
        java.util.Arrays.fill(a, initial);
        state.put(p + "/" + name, a);
      }
    }
  }

  void step(float[][] x, float[][] g, boolean[] decay, boolean[] active, double lr) {
    t++;
    float coef = 1f;
    if (clipNorm != Double.POSITIVE_INFINITY) {
      double sum = 0;
      for (int p = 0; p < x.length; p++) {
        for (int i = 0; active[p] && i < g[p].length; i++) {
          sum += (double) g[p][i] * g[p][i];
        }
      }
      coef = (float) Math.min(1.0, clipNorm / (Math.sqrt(sum) + 1e-6));
    }
    for (int p = 0; p < x.length; p++) {
      for (int i = 0; active[p] && i < x[p].length; i++) {
        float gi = g[p][i] * coef; // clip_grad_norm_: grad.mul_(clip_coef)
        if (maximize) {
          gi = -gi;
        }
        x[p][i] = update(p, i, x[p][i], gi, decay[p], lr);
      }
    }
  }

  static Textbook32 sgd(double momentum, double dampening, boolean nesterov) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        float d = decay && weightDecay != 0 ? g + (float) weightDecay * x : g;
        if (momentum != 0) {
          float[] buf = state.get(p + "/momentum_buffer");
          float b;
          if (t == 1) {
            b = d; // torch.clone(d_p)
          } else {
            b = buf[i] * (float) momentum; // buf.mul_(momentum)
            b = b + (float) (1 - dampening) * d; // .add_(d_p, alpha=1 - dampening)
          }
          buf[i] = b;
          d = nesterov ? d + (float) momentum * b : b;
        }
        return x + (float) -lr * d; // param.add_(d_p, alpha=-lr)
      }
    };
  }

  static Textbook32 adam(double beta1, double beta2, double eps, boolean amsgrad, boolean adamw) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        if (adamw && decay) {
          x = x * (float) (1 - lr * weightDecay); // param.mul_(1 - lr * weight_decay)
        }
        if (!adamw && decay && weightDecay != 0) {
          g = g + (float) weightDecay * x; // grad.add(param, alpha=weight_decay)
        }
        float[] m = state.get(p + "/exp_avg");
        float[] v = state.get(p + "/exp_avg_sq");
        m[i] = m[i] * (float) beta1; // exp_avg.mul_(beta1)
        m[i] = m[i] + (float) (1 - beta1) * g; // .add_(grad, alpha=1 - beta1)
        v[i] = v[i] * (float) beta2; // exp_avg_sq.mul_(beta2)
        v[i] = v[i] + (float) (1 - beta2) * g * g; // .addcmul_(grad, grad, value=1 - beta2)
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        float vhat = v[i];
        if (amsgrad) {
          float[] vmax = state.get(p + "/max_exp_avg_sq");
          vmax[i] = Math.max(vmax[i], v[i]); // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq)
          vhat = vmax[i];
        }
        float denom = (float) Math.sqrt(vhat); // .sqrt()
        denom = denom / (float) bc2Sqrt; // / bias_correction2_sqrt
        denom = denom + (float) eps; // .add_(eps)
        return x + (float) -stepSize * m[i] / denom; // param.addcdiv_(exp_avg, denom, -step_size)
      }
    };
  }

  static Textbook32 rmsprop(double alpha, double eps, double momentum, boolean centered) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        if (decay && weightDecay != 0) {
          g = g + (float) weightDecay * x;
        }
        float[] sq = state.get(p + "/square_avg");
        sq[i] = sq[i] * (float) alpha; // square_avg.mul_(alpha)
        sq[i] = sq[i] + (float) (1 - alpha) * g * g; // .addcmul_(grad, grad, value=1 - alpha)
        float avg;
        if (centered) {
          float[] ga = state.get(p + "/grad_avg");
          ga[i] = ga[i] * (float) alpha; // grad_avg.mul_(alpha)
          ga[i] = ga[i] + (float) (1 - alpha) * g; // .add_(grad, alpha=1 - alpha)
          avg = sq[i] + -1f * ga[i] * ga[i]; // square_avg.addcmul(grad_avg, grad_avg, value=-1)
          avg = (float) Math.sqrt(avg); // .sqrt_()
        } else {
          avg = (float) Math.sqrt(sq[i]); // square_avg.sqrt()
        }
        avg = avg + (float) eps; // .add_(eps)
        if (momentum > 0) {
          float[] buf = state.get(p + "/momentum_buffer");
          buf[i] = buf[i] * (float) momentum; // buf.mul_(momentum)
          buf[i] = buf[i] + g / avg; // .addcdiv_(grad, avg)
          return x + (float) -lr * buf[i]; // param.add_(buf, alpha=-lr)
        }
        return x + (float) -lr * g / avg; // param.addcdiv_(grad, avg, value=-lr)
      }
    };
  }

  static Textbook32 adagrad(double lrDecay, double eps) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        if (decay && weightDecay != 0) {
          g = g + (float) weightDecay * x;
        }
        double clr = lr / (1 + (t - 1) * lrDecay);
        float[] sum = state.get(p + "/sum");
        sum[i] = sum[i] + g * g; // state_sum.addcmul_(grad, grad, value=1)
        float std = (float) Math.sqrt(sum[i]) + (float) eps; // state_sum.sqrt().add_(eps)
        return x + (float) -clr * g / std; // param.addcdiv_(grad, std, value=-clr)
      }
    };
  }

  static Textbook32 adamax(double beta1, double beta2, double eps) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        if (decay && weightDecay != 0) {
          g = g + (float) weightDecay * x;
        }
        float[] m = state.get(p + "/exp_avg");
        float[] u = state.get(p + "/exp_inf");
        m[i] = m[i] * (float) beta1; // exp_avg.mul_(beta1)
        m[i] = m[i] + (float) (1 - beta1) * g; // .add_(grad, alpha=1 - beta1)
        float decayed = u[i] * (float) beta2; // exp_inf.mul_(beta2)
        float bound = Math.abs(g) + (float) eps; // grad.abs().add_(eps)
        u[i] = Math.max(decayed, bound); // torch.amax(norm_buf, 0)
        double clr = lr / (1 - Math.pow(beta1, t));
        return x + (float) -clr * m[i] / u[i]; // param.addcdiv_(exp_avg, exp_inf, value=-clr)
      }
    };
  }

  static Textbook32 adadelta(double rho, double eps) {
    return new Textbook32() {
      @Override
      float update(int p, int i, float x, float g, boolean decay, double lr) {
        if (decay && weightDecay != 0) {
          g = g + (float) weightDecay * x;
        }
        float[] sq = state.get(p + "/square_avg");
        float[] acc = state.get(p + "/acc_delta");
        sq[i] = sq[i] * (float) rho; // square_avg.mul_(rho)
        sq[i] = sq[i] + (float) (1 - rho) * g * g; // .addcmul_(grad, grad, value=1 - rho)
        float std = (float) Math.sqrt(sq[i] + (float) eps); // square_avg.add(eps).sqrt_()
        float delta = (float) Math.sqrt(acc[i] + (float) eps); // acc_delta.add(eps).sqrt_()
        delta = delta / std; // .div_(std)
        delta = delta * g; // .mul_(grad)
        acc[i] = acc[i] * (float) rho; // acc_delta.mul_(rho)
        acc[i] = acc[i] + (float) (1 - rho) * delta * delta; // .addcmul_(delta, delta, 1 - rho)
        return x + (float) -lr * delta; // param.add_(delta, alpha=-lr)
      }
    };
  }
}
