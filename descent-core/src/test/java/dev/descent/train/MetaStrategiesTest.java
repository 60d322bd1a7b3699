package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.Dataset;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Context;
import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block-coordinate training, curriculum learning and supervised pretraining. */
class MetaStrategiesTest {
  private static TrainConfig config(String optimizer, long epochs) {
    return new TrainConfig(optimizer, null, 16, epochs, 0, 4, 0, Sampling.SHUFFLE, 0, 0, 0);
  }

  private static float[][] snapshot(Sequential model) {
    List<Parameter> ps = model.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < ps.size(); i++) {
      out[i] = ps.get(i).value().data().clone();
    }
    return out;
  }

  @Test
  void cyclicLayerBlocksUpdateOnlyTheActiveLayerAndLowerTheLoss() {
    ModelSpec spec = TinyRun.spec(false, 0);
    Trainer t = TinyRun.trainer(spec, config("adam(lr=0.01)", 4), TinyRun.spiral(false));
    BlockCoordinate bc = BlockCoordinate.parse("layers", "cyclic", 1, 0);
    t.coordinate(bc);
    List<boolean[]> blocks = bc.blocks(t.model());
    assertThat(blocks).hasSize(3); // three Linear layers, weight + bias each
    List<float[][]> after = new ArrayList<>();
    after.add(snapshot(t.model()));
    t.listener(
        new TrainListener() {
          @Override
          public void onStep(long step, long epoch, double loss, double lr, double sps) {
            after.add(snapshot(t.model()));
          }
        });
    t.run();
    for (int s = 1; s < after.size(); s++) {
      boolean[] block = blocks.get((s - 1) % 3);
      for (int i = 0; i < block.length; i++) {
        boolean changed = !Arrays.equals(after.get(s)[i], after.get(s - 1)[i]);
        assertThat(changed).as("step %d, parameter %d", s, i).isEqualTo(block[i]);
      }
    }
    History h = t.history();
    assertThat(h.lastEvaluation().train().loss()).isLessThan(h.evaluations().get(0).train().loss());
    double first = 0;
    double last = 0;
    for (int i = 0; i < 12; i++) {
      first += h.loss(i);
      last += h.loss(h.steps() - 1 - i);
    }
    assertThat(last).isLessThan(first);
  }

  @Test
  void randomOrderIsSeededAndVisitsEveryBlock() {
    BlockCoordinate a = BlockCoordinate.parse("params", "random", 5, 7);
    BlockCoordinate b = BlockCoordinate.parse("params", "random", 5, 7);
    BlockCoordinate c = BlockCoordinate.parse("params", "random", 5, 8);
    Set<Integer> seen = new HashSet<>();
    boolean differs = false;
    for (long s = 0; s < 500; s++) {
      assertThat(a.activeBlock(s, 6)).isEqualTo(b.activeBlock(s, 6));
      assertThat(a.activeBlock(s, 6)).isEqualTo(a.activeBlock(s - s % 5, 6));
      differs |= a.activeBlock(s, 6) != c.activeBlock(s, 6);
      seen.add(a.activeBlock(s, 6));
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(differs).isTrue();
    assertThatThrownBy(() -> BlockCoordinate.parse("rows", "cyclic", 1, 0))
        .hasMessage("--coordinate must be layers or params, got 'rows'");
    assertThatThrownBy(() -> BlockCoordinate.parse("layers", "cyclic", 0, 0))
        .hasMessage("steps per block must be in [1, inf), got 0");
  }

  @Test
  void pacingFollowsItsFormulas() {
    Curriculum.Pacing linear = Curriculum.pacing("linear(start=0.2,epochs=4)");
    assertThat(linear.fraction(0)).isEqualTo(0.2);
    assertThat(linear.fraction(2)).isCloseTo(0.6, within(1e-12));
    assertThat(linear.fraction(4)).isEqualTo(1.0);
    assertThat(linear.fraction(9)).isEqualTo(1.0);
    assertThat(linear.admitted(0, 10)).isEqualTo(2);
    Curriculum.Pacing root = Curriculum.pacing("root(start=0.2,epochs=4)");
    assertThat(root.fraction(2)).isCloseTo(Math.sqrt(0.04 + 0.96 * 0.5), within(1e-12));
    assertThatThrownBy(() -> Curriculum.pacing("linear(start=0)")).hasMessageContaining("start");
    Curriculum c = new Curriculum(new int[] {3, 1, 0, 2}, Curriculum.pacing("linear(start=0.5)"));
    int[] counts = new int[4];
    for (int r = 0; r < 4; r++) {
      counts[c.example(0, r)]++;
    }
    assertThat(counts).containsExactly(0, 2, 0, 2);
  }

  @Test
  void difficultyIsEachExamplesCrossEntropy() {
    Splits s = TinyRun.spiral(false);
    Sequential model = TinyRun.spec(false, 0).build();
    double[] d = Curriculum.difficulty(model, s.train());
    Dataset train = s.train();
    Tensor x = Tensor.wrap(train.toFloats(), train.size(), train.features());
    double mean =
        new SoftmaxCrossEntropy()
            .compute(model.forward(x, Context.evaluation()), train.labels(), null);
    assertThat(Arrays.stream(d).average().orElseThrow()).isCloseTo(mean, within(1e-6));
    int[] order = Curriculum.of(d, Curriculum.pacing("linear")).order();
    for (int i = 1; i < order.length; i++) {
      assertThat(d[order[i]]).isGreaterThanOrEqualTo(d[order[i - 1]]);
    }
  }

  /** Hard examples carry NaN features: any use of one makes the loss NaN and stops the run. */
  @Test
  void aCurriculumKeepsHardExamplesOutUntilTheyAreAdmitted() {
    Splits clean = TinyRun.spiral(false);
    Dataset train = clean.train();
    float[] x = train.toFloats();
    double[] difficulty = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      difficulty[i] = i % 2;
      if (i % 2 == 1) {
        x[i * train.features()] = Float.NaN;
      }
    }
    Splits poisoned =
        Splits.of(
            Dataset.ofFloats("poisoned", x, train.features(), train.labels(), train.classes()),
            clean.test());
    ModelSpec spec = TinyRun.spec(false, 0);
    Trainer easy =
        TinyRun.trainer(spec, config("sgd(lr=0.05)", 1), poisoned)
            .curriculum(Curriculum.of(difficulty, Curriculum.pacing("linear(start=0.5,epochs=3)")));
    TrainResult r = easy.run();
    assertThat(r.steps()).isEqualTo(12);
    assertThat(easy.history().loss(11)).isFinite();

    Trainer later =
        TinyRun.trainer(spec, config("sgd(lr=0.05)", 2), poisoned)
            .curriculum(Curriculum.of(difficulty, Curriculum.pacing("linear(start=0.5,epochs=1)")));
    assertThatThrownBy(later::run)
        .isInstanceOf(DivergenceException.class)
        .hasMessageContaining("epoch 2");
  }

  @Test
  void theIdentityCurriculumWithEverythingAdmittedIsThePlainRun() {
    ModelSpec spec = TinyRun.spec(false, 0);
    Trainer plain = TinyRun.trainer(spec, config("adam(lr=0.01)", 2), TinyRun.spiral(false));
    double[] byIndex = new double[180];
    for (int i = 0; i < byIndex.length; i++) {
      byIndex[i] = i;
    }
    Trainer curr =
        TinyRun.trainer(spec, config("adam(lr=0.01)", 2), TinyRun.spiral(false))
            .curriculum(Curriculum.of(byIndex, Curriculum.pacing("linear(start=1)")));
    assertThat(curr.run().weightsSha256()).isEqualTo(plain.run().weightsSha256());
  }

  @Test
  void pretrainedLayersLoadByNumberAndStayFrozen(@TempDir Path dir) throws Exception {
    Splits s = TinyRun.spiral(false);
    ModelSpec shallowSpec = new ModelSpec(2, new int[] {16}, 3, Activation.RELU, "he", false, 0, 1);
    Trainer shallow = TinyRun.trainer(shallowSpec, config("adam(lr=0.01)", 3), s);
    shallow.run();
    Path file = dir.resolve("shallow.safetensors");
    SafeTensors.write(file, Weights.of(shallow.model()), shallowSpec.metadata());

    ModelSpec deepSpec =
        new ModelSpec(2, new int[] {16, 16}, 3, Activation.RELU, "he", false, 0, 2);
    Sequential deep = deepSpec.build();
    float[] secondBefore = deep.parameters().get(2).value().data().clone();
    List<String> loaded = Pretraining.load(deep, file, Set.of(1));
    assertThat(loaded).containsExactly("layers.0.weight", "layers.0.bias");
    Map<String, Tensor> shallowWeights = Weights.of(shallow.model());
    assertThat(deep.parameters().get(0).value().data())
        .containsExactly(shallowWeights.get("layers.0.weight").data());
    assertThat(deep.parameters().get(2).value().data()).containsExactly(secondBefore);

    float[] firstLoaded = deep.parameters().get(0).value().data().clone();
    Trainer t =
        new Trainer(deep, deepSpec.metadata(), config("adam(lr=0.01)", 2), s).freeze(loaded);
    t.run();
    assertThat(deep.parameters().get(0).value().data()).containsExactly(firstLoaded);
    assertThat(deep.parameters().get(2).value().data()).isNotEqualTo(secondBefore);

    assertThatThrownBy(() -> Pretraining.load(deepSpec.build(), file, Set.of()))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("layers.2.weight has shape [16, 3] but the model needs [16, 16]");
    assertThatThrownBy(() -> Pretraining.load(deepSpec.build(), file, Set.of(2)))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("layer 2");
    assertThatThrownBy(() -> Pretraining.load(deepSpec.build(), file, Set.of(4)))
        .hasMessage("--init-layers must be in [1, 3] (the layers with parameters), got 4");
    assertThatThrownBy(() -> t.freeze(List.of("layers.9.weight")))
        .isInstanceOf(IllegalStateException.class);
  }
}
