package io.lega.node.store.model;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * Maps an enum to the lower-case name of its constant and back (see {@link StoredAsText}). Each
 * enum has its own concrete subclass, named in the entities' {@code @Convert} annotations.
 *
 * @param <E> the enum
 */
public abstract class TextEnumConverter<E extends Enum<E> & StoredAsText>
    implements AttributeConverter<E, String> {

  private final Class<E> type;

  /**
   * @param type the enum class
   */
  protected TextEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E constant) {
    return constant == null ? null : constant.value();
  }

  @Override
  public E convertToEntityAttribute(String text) {
    return text == null ? null : Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
  }
}
