package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsHeaderAndStringLabelsByName() throws IOException {
    Path p =
        csv(
            "iris.csv",
            "sepal_length,species,petal_width\n"
                + "5.1,setosa,0.2\n"
                + "\n"
                + "7.0,versicolor,1.4\n"
                + "6.3,\"virginica\",2.5\n"
                + "4.9,setosa,-1e-1\n");
    Dataset d = CsvReader.read(p, CsvReader.Options.labelColumn("species"));
    assertThat(d.name()).isEqualTo("iris.csv");
    assertThat(d.size()).isEqualTo(4);
    assertThat(d.features()).isEqualTo(2);
    assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(d.labels()).containsExactly(0, 1, 2, 0);
    assertThat(d.toFloats()).containsExactly(5.1f, 0.2f, 7.0f, 1.4f, 6.3f, 2.5f, 4.9f, -0.1f);
  }

  @Test
  void withoutHeaderTheLastColumnIsTheLabelAndIntegersAreClassIndices() throws IOException {
    Dataset d = CsvReader.read(csv("a.csv", "1,2,0\n3,4,2\n"), CsvReader.Options.defaults());
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.classes()).isEqualTo(3);
    assertThat(d.classNames()).isEmpty();
    assertThat(d.labels()).containsExactly(0, 2);
    // A string label in an unheaded file does not make the first line a header.
    Dataset s = CsvReader.read(csv("b.csv", "1,2,cat\n3,4,dog\n"), CsvReader.Options.defaults());
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.classNames()).containsExactly("cat", "dog");
  }

  @Test
  void labelByIndexDelimiterAndDeclaredHeader() throws IOException {
    Path p = csv("t.tsv", "9\t1.5\t2.5\n8\t3.5\t4.5\n");
    Dataset d = CsvReader.read(p, new CsvReader.Options("0", CsvReader.Header.ABSENT, '\t'));
    assertThat(d.labels()).containsExactly(9, 8);
    assertThat(d.classes()).isEqualTo(10);
    assertThat(d.toFloats()).containsExactly(1.5f, 2.5f, 3.5f, 4.5f);
    Dataset h =
        CsvReader.read(
            csv("n.csv", "1,2,3\n4,5,1\n"),
            new CsvReader.Options(null, CsvReader.Header.PRESENT, ','));
    assertThat(h.size()).isEqualTo(1);
  }

  @Test
  void errorsNameFileLineAndColumn() throws IOException {
    assertThatThrownBy(
            () ->
                CsvReader.read(
                    csv("x.csv", "a,b,y\n1,2,0\n1,n/a,1\n"), CsvReader.Options.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("x.csv: line 3, column 2 (b): expected a number, got \"n/a\"");
    assertThatThrownBy(() -> CsvReader.read(csv("e.csv", "1,,0\n"), CsvReader.Options.defaults()))
        .hasMessage("e.csv: line 1, column 2: expected a number, got an empty field");
    assertThatThrownBy(
            () -> CsvReader.read(csv("w.csv", "1,2,0\n\n1,2\n"), CsvReader.Options.defaults()))
        .hasMessage("w.csv: line 3: expected 3 columns as on line 1, got 2");
    assertThatThrownBy(
            () -> CsvReader.read(csv("l.csv", "1,2,0\n1,2,\n"), CsvReader.Options.defaults()))
        .hasMessage("l.csv: line 2, column 3: expected a label, got an empty field");
    assertThatThrownBy(
            () -> CsvReader.read(csv("q.csv", "1,\"2,0\n"), CsvReader.Options.defaults()))
        .hasMessage("q.csv: line 1, column 2: unclosed quote");
    assertThatThrownBy(
            () -> CsvReader.read(csv("nan.csv", "1,0\nNaN,1\n"), CsvReader.Options.defaults()))
        .hasMessage("nan.csv: line 2, column 1: expected a number, got \"NaN\"");
    assertThatThrownBy(
            () -> CsvReader.read(csv("big.csv", "1e39,1\n"), CsvReader.Options.defaults()))
        .hasMessage("big.csv: line 1, column 1: \"1e39\" is outside the float32 range");
    assertThatThrownBy(() -> CsvReader.read(csv("h.csv", "a,b\n"), CsvReader.Options.defaults()))
        .hasMessage("h.csv: no data rows");
    assertThatThrownBy(
            () -> CsvReader.read(csv("k.csv", "a,b\n1,2\n"), CsvReader.Options.labelColumn("c")))
        .hasMessage("k.csv: no column named \"c\"; columns: [a, b]");
    assertThatThrownBy(
            () -> CsvReader.read(csv("i.csv", "1,2\n"), CsvReader.Options.labelColumn("2")))
        .hasMessage("i.csv: label column must be in [0, 2), got 2");
    assertThatThrownBy(() -> CsvReader.read(csv("one.csv", "1\n"), CsvReader.Options.defaults()))
        .hasMessage("one.csv: line 1: expected at least 2 columns (features and a label), got 1");
  }
}
