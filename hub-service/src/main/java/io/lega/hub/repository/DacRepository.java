package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code dacs} table. Run inside a session. */
@ApplicationScoped
public class DacRepository implements PanacheRepositoryBase<DacEntity, String> {

  /** One page of DACs, by id. */
  public Uni<List<DacEntity>> page(int page, int size) {
    return findAll(Sort.by("dacId")).page(Page.of(page, size)).list();
  }

  /** The next DAC accession number: never handed out before, never again. */
  public Uni<Long> nextAccessionNumber() {
    return getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery("SELECT nextval('dac_accession_numbers')", Long.class)
                    .getSingleResult());
  }
}
