package dev.descent.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for spec strings.
 *
 * <pre>
 * spec  := name [ '(' [ arg { ',' arg } ] ')' ]
 * arg   := key '=' value
 * value := number | 'true' | 'false' | spec | '[' [ value { ',' value } ] ']'
 * </pre>
 *
 * Names and keys are letters, digits, '_' and '-' starting with a letter; names are lower-cased.
 * Whitespace between tokens is ignored.
 */
final class SpecParser {
  private final String text;
  private int pos;

  SpecParser(String text) {
    if (text == null) {
      throw new IllegalArgumentException("spec must not be null");
    }
    this.text = text;
  }

  Spec parseTop() {
    skipSpace();
    Spec spec = parseSpec();
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' after the end of the spec");
    }
    return spec;
  }

  private Spec parseSpec() {
    String name = parseWord("a name").toLowerCase(java.util.Locale.ROOT);
    skipSpace();
    Map<String, Object> args = new LinkedHashMap<>();
    if (peek() == '(') {
      pos++;
      skipSpace();
      if (peek() != ')') {
        while (true) {
          skipSpace();
          int keyPos = pos;
          String key = parseWord("a key").toLowerCase(java.util.Locale.ROOT);
          skipSpace();
          expect('=');
          skipSpace();
          Object value = parseValue();
          if (args.put(key, value) != null) {
            pos = keyPos;
            throw error("key '" + key + "' is given twice");
          }
          skipSpace();
          if (peek() == ',') {
            pos++;
            continue;
          }
          break;
        }
      }
      expect(')');
    }
    return new Spec(name, args);
  }

  private Object parseValue() {
    char c = peek();
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (peek() != ']') {
        while (true) {
          skipSpace();
          list.add(parseValue());
          skipSpace();
          if (peek() == ',') {
            pos++;
            continue;
          }
          break;
        }
      }
      expect(']');
      return List.copyOf(list);
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return parseNumber();
    }
    if (Character.isLetter(c)) {
      int start = pos;
      String word = parseWord("a value");
      skipSpace();
      if (peek() == '(') {
        pos = start;
        return parseSpec();
      }
      String lower = word.toLowerCase(java.util.Locale.ROOT);
      switch (lower) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "inf":
        case "infinity":
          return Double.POSITIVE_INFINITY;
        default:
          return lower;
      }
    }
    throw error(c == 0 ? "expected a value but the spec ended" : "expected a value");
  }

  private Double parseNumber() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    if (Character.isLetter(peek())) {
      String w = parseWord("a number").toLowerCase(java.util.Locale.ROOT);
      if (w.equals("inf") || w.equals("infinity")) {
        return text.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      pos = start;
      throw error("expected a number");
    }
    while (pos < text.length()) {
      char c = text.charAt(pos);
      boolean exponentSign =
          (c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
      if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign) {
        pos++;
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("'" + s + "' is not a number");
    }
  }

  private String parseWord(String what) {
    int start = pos;
    if (pos >= text.length() || !Character.isLetter(text.charAt(pos))) {
      throw error(
          pos >= text.length() ? "expected " + what + " but the spec ended" : "expected " + what);
    }
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        pos++;
      } else {
        break;
      }
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error(
          pos >= text.length()
              ? "expected '" + c + "' but the spec ended"
              : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private SpecParseException error(String problem) {
    return new SpecParseException(text, pos, problem);
  }
}
