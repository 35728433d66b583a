package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM armour of Crypt4GH key files: a {@code -----BEGIN label-----} line, base64 lines, an
 * {@code -----END label-----} line.
 *
 * <p>Reading is lenient on layout, as the reference is: surrounding whitespace, blank lines, CR LF
 * line ends and base64 wrapped at any width are accepted. The base64 itself must be valid.
 */
final class Pem {
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-]+)-----");
  private static final Pattern END = Pattern.compile("-----END ([^-]+)-----");

  private Pem() {}

  /** A decoded PEM block. */
  record Block(String label, byte[] body) {}

  /**
   * Decodes the single PEM block that makes up {@code text}.
   *
   * @param text the file content
   * @param acceptedLabels the labels accepted
   * @param what what the file should be, for error messages ("a Crypt4GH private key")
   * @throws InvalidKeyFileException when the text is not one PEM block with one of those labels
   */
  static Block decode(String text, Set<String> acceptedLabels, String what)
      throws InvalidKeyFileException {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      String stripped = line.strip();
      if (lines.isEmpty() && stripped.startsWith("\uFEFF")) {
        stripped = stripped.substring(1).strip();
      }
      if (!stripped.isEmpty()) {
        lines.add(stripped);
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidKeyFileException("the key file is empty; expected " + what);
    }
    Matcher begin = BEGIN.matcher(lines.get(0));
    if (!begin.matches()) {
      throw new InvalidKeyFileException(
          "not a PEM file (no -----BEGIN ...----- line first); expected " + what);
    }
    String label = begin.group(1);
    Matcher end = END.matcher(lines.get(lines.size() - 1));
    if (lines.size() < 2 || !end.matches()) {
      throw new InvalidKeyFileException(
          "truncated PEM file (no -----END ...----- line last); expected " + what);
    }
    if (!end.group(1).equals(label)) {
      throw new InvalidKeyFileException(
          "malformed PEM file: it begins with label '"
              + printable(label)
              + "' but ends with '"
              + printable(end.group(1))
              + "'");
    }
    if (!acceptedLabels.contains(label)) {
      throw new InvalidKeyFileException(
          "the PEM label is '"
              + printable(label)
              + "'; expected "
              + what
              + " (label "
              + String.join(
                  " or ", acceptedLabels.stream().sorted().map(l -> "'" + l + "'").toList())
              + ")");
    }
    String base64 = String.join("", lines.subList(1, lines.size() - 1));
    try {
      return new Block(label, Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException(
          "malformed PEM file: its body is not valid base64; expected " + what);
    }
  }

  /** The PEM text of one block, base64 on a single line, as the Python reference writes it. */
  static String encode(String label, byte[] body) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getEncoder().encodeToString(body)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** Printable ASCII only, cut short, safe in an error message. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 60; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > 60 ? out.append("...").toString() : out.toString();
  }
}
