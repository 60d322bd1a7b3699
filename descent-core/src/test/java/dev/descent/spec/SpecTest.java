package dev.descent.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecTest {

  @Test
  void parsesNameOnly() {
    assertThat(Spec.parse("  SGD ")).isEqualTo(Spec.of("sgd"));
  }

  @Test
  void parsesNumbersBooleansWordsListsAndNestedSpecs() {
    Spec s =
        Spec.parse(
            "multistep(lr=0.1, milestones=[30,60,90], gamma=1e-1, nesterov=true, mode=tri,"
                + " then=cosine(t_max=10), neg=-2.5e-3)");
    assertThat(s.name()).isEqualTo("multistep");
    assertThat(s.args())
        .containsEntry("lr", 0.1)
        .containsEntry("milestones", List.of(30.0, 60.0, 90.0))
        .containsEntry("gamma", 0.1)
        .containsEntry("nesterov", true)
        .containsEntry("mode", "tri")
        .containsEntry("neg", -2.5e-3);
    assertThat(s.args().get("then")).isEqualTo(Spec.parse("cosine(t_max=10)"));
    assertThat(List.copyOf(s.args().keySet()))
        .containsExactly("lr", "milestones", "gamma", "nesterov", "mode", "then", "neg");
  }

  @Test
  void toStringParsesBackToAnEqualSpec() {
    Spec s = Spec.parse("adam(lr=0.3,beta1=0.9,milestones=[1,2],amsgrad=false,sub=b(x=2))");
    assertThat(s.toString())
        .isEqualTo("adam(lr=0.3,beta1=0.9,milestones=[1,2],amsgrad=false,sub=b(x=2))");
    assertThat(Spec.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void errorsPointAtTheColumn() {
    assertThatThrownBy(() -> Spec.parse("adam(lr=0.3,,beta1=0.9)"))
        .isInstanceOf(SpecParseException.class)
        .hasMessageStartingWith("expected a key at column 13")
        .satisfies(e -> assertThat(((SpecParseException) e).column()).isEqualTo(13));
    assertThatThrownBy(() -> Spec.parse("adam(lr=0.3"))
        .hasMessageStartingWith("expected ')' but the spec ended at column 12");
    assertThatThrownBy(() -> Spec.parse("adam(lr=1.2.3)"))
        .hasMessageStartingWith("'1.2.3' is not a number at column 9");
    assertThatThrownBy(() -> Spec.parse("adam(lr=1,lr=2)"))
        .hasMessageStartingWith("key 'lr' is given twice at column 11");
    assertThatThrownBy(() -> Spec.parse("adam) x")).hasMessageContaining("column 5");
    assertThatThrownBy(() -> Spec.parse(""))
        .hasMessageStartingWith("expected a name but the spec ended");
  }

  private static Registry<String> registry() {
    return new Registry<String>("optimizer")
        .register(
            "momentum",
            "heavy ball",
            List.of(
                Param.number("lr", 0.01, "[0, inf)", "learning rate"),
                Param.number("momentum", 0.9, "[0, 1)", "mu"),
                Param.word("mode", "torch", "torch|book", "form")),
            a -> a.word("mode") + ":" + a.number("lr") + ":" + a.number("momentum"))
        .register(
            "multistep",
            "steps",
            List.of(
                Param.requiredNumber("lr", "[0, inf)", "base rate"),
                new Param("milestones", Param.Type.NUMBER_LIST, List.of(), "", "steps"),
                Param.integer("every", 1, "[1, inf)", "x")),
            a ->
                a.number("lr")
                    + ":"
                    + java.util.Arrays.toString(a.numbers("milestones"))
                    + ":"
                    + a.integer("every"));
  }

  @Test
  void registryFillsDefaultsAndChecksTypes() {
    Registry<String> r = registry();
    assertThat(r.create("momentum")).isEqualTo("torch:0.01:0.9");
    assertThat(r.create("momentum(lr=0.1,mode=book)")).isEqualTo("book:0.1:0.9");
    assertThat(r.create("multistep(lr=1,milestones=[3,5])")).isEqualTo("1.0:[3.0, 5.0]:1");
    assertThat(r.entry("momentum").usage()).isEqualTo("momentum(lr=0.01,momentum=0.9,mode=torch)");
    assertThatThrownBy(() -> r.create("momentun"))
        .hasMessage(
            "unknown optimizer 'momentun'; did you mean 'momentum'?; valid optimizers: momentum,"
                + " multistep");
    assertThatThrownBy(() -> r.create("momentum(lrr=0.1)"))
        .hasMessage(
            "unknown key 'lrr' for optimizer momentum; did you mean 'lr'?; valid keys: lr,"
                + " momentum, mode");
    assertThatThrownBy(() -> r.create("momentum(lr=true)"))
        .hasMessage("momentum: lr must be a number, got true");
    assertThatThrownBy(() -> r.create("momentum(mode=nesterov)"))
        .hasMessage("momentum: mode must be one of torch, book, got nesterov");
    assertThatThrownBy(() -> r.create("multistep(milestones=[1])"))
        .hasMessageStartingWith("optimizer multistep needs lr");
    assertThatThrownBy(() -> r.create("multistep(lr=1,every=1.5)"))
        .hasMessage("multistep: every must be a whole number, got 1.5");
  }
}
