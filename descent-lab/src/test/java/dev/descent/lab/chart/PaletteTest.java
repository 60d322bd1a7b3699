package dev.descent.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void anOptimizerHasOneColourWhateverItsArguments() {
    assertThat(Palette.colorOf("adam(lr=0.3)")).isEqualTo(Palette.colorOf("Adam"));
    assertThat(Palette.baseName(" Momentum(lr=0.1) ")).isEqualTo("momentum");
    assertThat(Palette.colorOf("my_optimizer")).isEqualTo(Palette.colorOf("my_optimizer(k=1)"));
    assertThat(Palette.colorOf("adam_book(lr=0.3)")).isEqualTo(Palette.colorOf("adam"));
  }

  @Test
  void theSeedsFourOptimizersAreDistinct() {
    List<Color> c = Palette.colorsFor(List.of("sgd", "momentum", "adagrad", "adam"));
    assertThat(new HashSet<>(c)).hasSize(4);
    assertThat(c.get(3)).isEqualTo(Palette.colorOf("adam"));
  }

  @Test
  void repeatsInOneFigureGetTheirOwnColours() {
    List<Color> c = Palette.colorsFor(List.of("sgd(lr=0.1)", "sgd(lr=0.5)", "sgd(lr=0.9)", "adam"));
    assertThat(c.get(0)).isEqualTo(Palette.colorOf("sgd"));
    assertThat(new HashSet<>(c)).hasSize(4);
  }
}
