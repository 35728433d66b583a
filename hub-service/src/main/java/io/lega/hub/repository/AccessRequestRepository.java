package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code access_requests} table. Run inside a session. */
@ApplicationScoped
public class AccessRequestRepository implements PanacheRepositoryBase<AccessRequestEntity, UUID> {

  private static final String LIVE =
      "r.state = 'approved' and (r.expiresAt is null or r.expiresAt > :now)";

  /** What a listing selects; {@code null} fields select everything. */
  public record Filter(String datasetId, String dacId, String username, String viewer) {}

  /** A live grant with the DAC that decides on its dataset. */
  public record LiveGrant(String datasetId, String dacId, Instant grantedAt, Instant expiresAt) {}

  /** The request, locked until the transaction ends; {@code null} if there is none. */
  public Uni<AccessRequestEntity> lockById(UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Whether the user has a pending request or a live grant for the dataset. */
  public Uni<Boolean> openFor(String datasetId, String username, Instant now) {
    return count(
            "from AccessRequestEntity r where r.datasetId = :dataset and r.username = :user"
                + " and (r.state = 'pending' or ("
                + LIVE
                + "))",
            Parameters.with("dataset", datasetId).and("user", username).and("now", now))
        .map(n -> n > 0);
  }

  /** The user's grants that are approved and not expired at {@code now}, by dataset. */
  public Uni<List<LiveGrant>> liveGrants(String username, Instant now) {
    return getSession()
        .flatMap(
            session ->
                session
                    .createSelectionQuery(
                        "select r.datasetId, d.dacId, r.grantedAt, r.expiresAt"
                            + " from AccessRequestEntity r, DatasetEntity d"
                            + " where d.datasetId = r.datasetId and d.dacId is not null"
                            + " and r.username = :user and "
                            + LIVE
                            + " order by r.datasetId, r.grantedAt",
                        LiveGrant.class)
                    .setParameter("user", username)
                    .setParameter("now", now)
                    .getResultList());
  }

  /** One page of the requests the filter selects, newest first. */
  public Uni<List<AccessRequestEntity>> page(Filter filter, int page, int size) {
    Query query = query(filter);
    return find(query.where + " order by r.createdAt desc, r.id", query.parameters)
        .page(Page.of(page, size))
        .list();
  }

  /** How many requests the filter selects. */
  public Uni<Long> count(Filter filter) {
    Query query = query(filter);
    return count(query.where, query.parameters);
  }

  private record Query(String where, Parameters parameters) {}

  private static Query query(Filter filter) {
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (filter.datasetId() != null) {
      conditions.add("r.datasetId = :dataset");
      parameters.and("dataset", filter.datasetId());
    }
    if (filter.username() != null) {
      conditions.add("r.username = :user");
      parameters.and("user", filter.username());
    }
    if (filter.dacId() != null) {
      conditions.add(
          "r.datasetId in (select d.datasetId from DatasetEntity d where d.dacId = :dac)");
      parameters.and("dac", filter.dacId());
    }
    if (filter.viewer() != null) {
      conditions.add(
          "(r.username = :viewer or r.datasetId in (select d.datasetId from DatasetEntity d,"
              + " DacMemberEntity m where m.dacId = d.dacId and m.username = :viewer))");
      parameters.and("viewer", filter.viewer());
    }
    String where = "from AccessRequestEntity r";
    if (!conditions.isEmpty()) {
      where += " where " + String.join(" and ", conditions);
    }
    return new Query(where, parameters);
  }
}
