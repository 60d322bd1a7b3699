package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reduce-on-plateau's rules step by step, and resuming from a saved state. */
class PlateauTest {

  @Test
  void reducesAfterMoreThanPatienceBadEpochsThenWaitsOutTheCooldown() {
    Plateau p = Schedules.createPlateau("plateau(lr=1,factor=0.5,patience=2,cooldown=1)");
    Plateau.State s = p.start();
    s = p.step(s, 10); // best = 10
    s = p.step(s, 10); // bad 1
    s = p.step(s, 10); // bad 2 = patience: not yet
    assertThat(s.lr()).isEqualTo(1.0);
    assertThat(s.badEpochs()).isEqualTo(2);
    s = p.step(s, 10); // bad 3 > patience: reduce, start cooldown
    assertThat(s.lr()).isEqualTo(0.5);
    assertThat(s.cooldownLeft()).isEqualTo(1);
    s = p.step(s, 10); // cooldown epoch: bad epochs ignored
    assertThat(s.badEpochs()).isZero();
    assertThat(s.cooldownLeft()).isZero();
    s = p.step(s, 9); // improvement
    assertThat(s.best()).isEqualTo(9.0);
    assertThat(s.lr()).isEqualTo(0.5);
    assertThat(s.epoch()).isEqualTo(6);
  }

  @Test
  void relativeThresholdNeedsAnImprovementBeyondTheThreshold() {
    Plateau p = Schedules.createPlateau("plateau(lr=1,patience=0,threshold=0.1)");
    Plateau.State s = p.step(p.start(), 100);
    s = p.step(s, 91); // 91 is not < 100 * 0.9: a bad epoch, and patience 0 reduces at once
    assertThat(s.lr()).isEqualTo(0.1);
    assertThat(s.best()).isEqualTo(100.0);
    s = p.step(s, 89); // better than 90
    assertThat(s.best()).isEqualTo(89.0);
    assertThat(s.lr()).isEqualTo(0.1);
  }

  @Test
  void neverGoesBelowMinLrAndSkipsReductionsSmallerThanEps() {
    Plateau p = Schedules.createPlateau("plateau(lr=1,factor=0.1,patience=0,min_lr=0.05)");
    Plateau.State s = p.start();
    for (int i = 0; i < 10; i++) {
      s = p.step(s, 1);
    }
    assertThat(s.lr()).isEqualTo(0.05);
    Plateau tiny = Schedules.createPlateau("plateau(lr=1e-8,factor=0.5,patience=0)");
    Plateau.State t = tiny.step(tiny.step(tiny.start(), 1), 1);
    assertThat(t.lr()).as("a reduction by 5e-9 < eps = 1e-8 is skipped").isEqualTo(1e-8);
  }

  @Test
  void aStateRebuiltFromItsFieldsContinuesIdentically() {
    Plateau p = Schedules.createPlateau("plateau(lr=0.1,factor=0.5,patience=1,cooldown=2)");
    double[] metrics = {5, 4, 4.5, 4.2, 4.1, 4.3, 3.9, 4, 4, 4, 4, 3.5, 3.6, 3.7};
    Plateau.State s = p.start();
    for (int i = 0; i < 7; i++) {
      s = p.step(s, metrics[i]);
    }
    // what a checkpoint stores and reads back
    Plateau.State restored =
        new Plateau.State(s.epoch(), s.lr(), s.best(), s.badEpochs(), s.cooldownLeft());
    Plateau.State a = s;
    Plateau.State b = restored;
    for (int i = 7; i < metrics.length; i++) {
      a = p.step(a, metrics[i]);
      b = p.step(b, metrics[i]);
      assertThat(b).isEqualTo(a);
    }
    assertThat(a.lr()).isLessThan(0.1);
  }

  @Test
  void maxModeStartsFromMinusInfinity() {
    Plateau p = Schedules.createPlateau("plateau(lr=1,mode=max,patience=0)");
    assertThat(p.start().best()).isEqualTo(Double.NEGATIVE_INFINITY);
    Plateau.State s = p.step(p.start(), 0.5);
    assertThat(s.best()).isEqualTo(0.5);
    assertThat(p.step(s, 0.4).lr()).isEqualTo(0.1);
  }

  @Test
  void corruptStatesAreRejected() {
    assertThatThrownBy(() -> new Plateau.State(-1, 0.1, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid plateau state: epoch=-1, lr=0.1, best=1.0, badEpochs=0, cooldownLeft=0");
  }
}
