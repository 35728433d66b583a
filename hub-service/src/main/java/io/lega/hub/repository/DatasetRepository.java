package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/**
 * The {@code datasets} table. Run inside a session ({@code @WithSession} or
 * {@code @WithTransaction}).
 */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<DatasetEntity, String> {

  /** The dataset, locked until the transaction ends; {@code null} if there is none. */
  public Uni<DatasetEntity> lockById(String datasetId) {
    return findById(datasetId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** One page of the datasets in a state (every dataset if {@code null}), newest first. */
  public Uni<List<DatasetEntity>> pageOfState(String state, int page, int size) {
    return (state == null
            ? find("order by createdAt desc, datasetId")
            : find("state = ?1 order by createdAt desc, datasetId", state))
        .page(Page.of(page, size))
        .list();
  }

  /** How many datasets are in a state (every dataset if {@code null}). */
  public Uni<Long> countOfState(String state) {
    return state == null ? count() : count("state", state);
  }

  /** The next dataset accession number: never handed out before, never again. */
  public Uni<Long> nextAccessionNumber() {
    return getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery("SELECT nextval('dataset_accession_numbers')", Long.class)
                    .getSingleResult());
  }
}
