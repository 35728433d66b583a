package io.lega.node.store.model;

import io.lega.contracts.ChecksumType;
import jakarta.persistence.AttributeConverter;

/**
 * Stores the protocol's {@link ChecksumType} in {@code checksums.type} as its name in messages
 * ({@code sha256}, {@code md5}), the spelling the schema's {@code CHECK} constraint uses.
 */
public final class ChecksumTypeConverter implements AttributeConverter<ChecksumType, String> {

  @Override
  public String convertToDatabaseColumn(ChecksumType type) {
    return type == null ? null : type.jsonName();
  }

  @Override
  public ChecksumType convertToEntityAttribute(String text) {
    return text == null
        ? null
        : ChecksumType.fromJsonName(text)
            .orElseThrow(() -> new IllegalStateException("unknown checksum type " + text));
  }
}
