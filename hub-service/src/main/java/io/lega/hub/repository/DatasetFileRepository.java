package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The {@code dataset_files} table. */
@ApplicationScoped
public class DatasetFileRepository
    implements PanacheRepositoryBase<DatasetFileEntity, DatasetFileEntity.Key> {

  /** The files of some datasets, each dataset's in mapping order. */
  public Uni<List<DatasetFileEntity>> of(Collection<String> datasetIds) {
    if (datasetIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("datasetId in ?1 order by datasetId, position", datasetIds);
  }
}
