package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.init.Initializers;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.loss.WeightDecay;
import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pieces together: plain SGD on CS231n's 3-arm spiral must fit it. */
class TrainingSmokeTest {

  @Test
  void mlpWithBatchNormDropoutAndWeightDecayLearnsTheSpiral() {
    int perClass = 100;
    int classes = 3;
    int n = perClass * classes;
    SplittableRandom random = new SplittableRandom(3);
    Tensor x = Tensor.zeros(n, 2);
    int[] labels = new int[n];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) {
        double r = i / (double) (perClass - 1);
        double t = c * 4 + 4 * r + 0.2 * random.nextGaussian();
        int row = c * perClass + i;
        x.set(row, 0, (float) (r * Math.sin(t)));
        x.set(row, 1, (float) (r * Math.cos(t)));
        labels[row] = c;
      }
    }
    Sequential net =
        Mlp.builder(2, classes)
            .hidden(32, 32)
            .init(Initializers.he())
            .batchNorm(true)
            .dropout(0.05)
            .seed(4)
            .build();
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    WeightDecay decay = new WeightDecay(1e-4);
    Tensor grad = Tensor.zeros(n, classes);
    List<Parameter> params = net.parameters();
    Context train = Context.training(new SplittableRandom(5));
    double first = ce.compute(net.forward(x, Context.evaluation()), labels, null);
    for (int step = 0; step < 150; step++) {
      ce.compute(net.forward(x, train), labels, grad);
      net.backward(grad, false);
      decay.addGradient(params);
      for (Parameter p : params) {
        Ops.axpy(-0.2f, p.grad(), p.value());
      }
    }
    Tensor logits = net.forward(x, Context.evaluation());
    double last = ce.compute(logits, labels, null);
    int[] predicted = new int[n];
    Ops.argmaxRows(logits, predicted);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    assertThat(last).isLessThan(first / 3);
    // A linear classifier gets about 0.5 on this data set.
    assertThat(correct / (double) n).isGreaterThan(0.9);
  }
}
