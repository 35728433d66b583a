package io.lega.download.datasets;

import io.lega.contracts.ChecksumType;
import io.lega.download.http.ProblemException;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.ChecksumEntity;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ready files of a dataset, by accession id, a page at a time: keyset paging, the page token
 * being the last accession id of the previous page (base64url), so a page costs one query whatever
 * its position, plus one for the page's decrypted SHA-256s.
 */
@ApplicationScoped
public class DatasetListing {

  private static final String IN_DATASET =
      "state = ?1 and accessionId > ?2"
          + " and id in (select m.fileId from DatasetFileEntity m where m.datasetId = ?3)";

  private final FileRepository files;

  public DatasetListing(FileRepository files) {
    this.files = files;
  }

  /**
   * @param dataset a dataset the caller may read
   * @param pageSize files per page
   * @param pageToken from the previous page, or null for the first
   */
  @WithSession
  public Uni<FilePage> page(DatasetEntity dataset, int pageSize, String pageToken) {
    String after = after(pageToken);
    return files
        .find(IN_DATASET + " order by accessionId", FileState.READY, after, dataset.id)
        .page(Page.ofSize(pageSize + 1))
        .list()
        .flatMap(
            found -> {
              List<FileEntity> page = found.size() > pageSize ? found.subList(0, pageSize) : found;
              String next =
                  found.size() > pageSize ? token(page.get(page.size() - 1).accessionId) : null;
              return decryptedSha256(page)
                  .map(
                      sums ->
                          new FilePage(
                              page.stream()
                                  .map(
                                      f ->
                                          new FileView(
                                              f.accessionId,
                                              f.inboxPath,
                                              f.archiveSize,
                                              f.decryptedSize,
                                              sums.get(f.id)))
                                  .toList(),
                              next));
            });
  }

  /** How many ready files the dataset holds, and their archived size. */
  @WithSession
  public Uni<DatasetView> summary(DatasetEntity dataset) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select count(*), coalesce(sum(archiveSize), 0) from FileEntity where "
                            + IN_DATASET,
                        Object[].class)
                    .setParameter(1, FileState.READY)
                    .setParameter(2, "")
                    .setParameter(3, dataset.id)
                    .getSingleResult())
        .map(
            row ->
                new DatasetView(
                    dataset.stableId,
                    dataset.createdAt,
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue()));
  }

  private Uni<Map<UUID, String>> decryptedSha256(List<FileEntity> page) {
    if (page.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from ChecksumEntity c where c.id.fileId in ?1 and c.id.source = ?2"
                            + " and c.id.type = ?3",
                        ChecksumEntity.class)
                    .setParameter(1, page.stream().map(f -> f.id).toList())
                    .setParameter(2, ChecksumSource.DECRYPTED)
                    .setParameter(3, ChecksumType.SHA256)
                    .getResultList())
        .map(sums -> sums.stream().collect(Collectors.toMap(c -> c.id.fileId(), c -> c.value)));
  }

  private static String after(String pageToken) {
    if (pageToken == null || pageToken.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("pageToken is not one this service gave");
    }
  }

  private static String token(String accessionId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(accessionId.getBytes(StandardCharsets.UTF_8));
  }
}
