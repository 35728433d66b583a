package io.lega.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a/b/c",
        "0b7c6a1e-2f3d-4c5b-9a8e-1f2d3c4b5a69",
        "user@example.org/run 1/sample.bam.c4gh",
        "...",
        "a..b/c",
        ".hidden",
        "ünïcode/ÅÄÖ"
      })
  void acceptsOrdinaryNames(String name) {
    assertThat(ObjectNames.validate(name)).isEqualTo(name);
  }

  @Test
  void explainsWhyANameIsRefused() {
    assertThatThrownBy(() -> ObjectNames.validate("a/../b"))
        .isInstanceOf(InvalidObjectNameException.class)
        .hasMessage("invalid object name \"a/../b\": segment '..' is not allowed");
    assertThatThrownBy(() -> ObjectNames.validate("/etc/passwd"))
        .hasMessage("invalid object name \"/etc/passwd\": it starts with '/'");
    assertThatThrownBy(() -> ObjectNames.validate("a//b")).hasMessageContaining("empty segment");
    assertThatThrownBy(() -> ObjectNames.validate("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> ObjectNames.validate(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    assertThatThrownBy(() -> ObjectNames.validate("a\u0000b\nc"))
        .hasMessage("invalid object name \"a\\u0000b\\u000ac\": it contains a control character");
  }

  @Test
  void limitsAreCountedInUtf8Bytes() {
    String segment = "é".repeat(127); // 254 bytes
    assertThat(ObjectNames.validate(segment)).isEqualTo(segment);
    assertThatThrownBy(() -> ObjectNames.validate(segment + "é"))
        .hasMessageContaining("longer than 255 bytes");

    String longName = String.join("/", java.util.Collections.nCopies(5, "x".repeat(204)));
    assertThat(longName.length()).isEqualTo(1024);
    assertThat(ObjectNames.validate(longName)).isEqualTo(longName);
    assertThatThrownBy(() -> ObjectNames.validate(longName + "x"))
        .hasMessageContaining("longer than 1024 bytes");
  }

  @Test
  void longNamesAreCutInTheMessage() {
    String name = "/" + "z".repeat(5000);

    assertThatThrownBy(() -> ObjectNames.validate(name))
        .hasMessageContaining("... (5001 characters)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
