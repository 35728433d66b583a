package io.lega.hub.service;

import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.PermissionDeleted;
import io.lega.contracts.PermissionGranted;
import io.lega.hub.repository.AccessDecisionEntity;
import io.lega.hub.repository.AccessDecisionRepository;
import io.lega.hub.repository.AccessRequestEntity;
import io.lega.hub.repository.AccessRequestRepository;
import io.lega.hub.repository.DacMemberRepository;
import io.lega.hub.repository.DatasetEntity;
import io.lega.hub.repository.DatasetRepository;
import io.lega.hub.repository.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Access requests: a researcher asks for a dataset; a member of the dataset's DAC approves (with an
 * optional expiry), rejects (with a reason) or later revokes. Every decision is kept with who took
 * it and when. An approval sends {@code permission} and a revocation {@code permission.deleted} to
 * the node inside the decision's transaction, so a decision the broker did not confirm changes
 * nothing ({@link NodeUnreachableException}). The message's correlation id is the request's id.
 */
@ApplicationScoped
public class AccessService {

  private static final Logger LOG = Logger.getLogger(AccessService.class);
  private static final int MAX_TEXT = 10_000;

  private final AccessRequestRepository requests;
  private final AccessDecisionRepository decisions;
  private final DatasetRepository datasets;
  private final DacMemberRepository members;
  private final NodeOutbox outbox;

  public AccessService(
      AccessRequestRepository requests,
      AccessDecisionRepository decisions,
      DatasetRepository datasets,
      DacMemberRepository members,
      NodeOutbox outbox) {
    this.requests = requests;
    this.decisions = decisions;
    this.datasets = datasets;
    this.members = members;
    this.outbox = outbox;
  }

  /**
   * A researcher asks for access to a dataset.
   *
   * @throws ForbiddenException (in the Uni) unless the actor is a researcher
   * @throws InvalidRequestException (in the Uni) for a malformed dataset id or justification
   * @throws NoSuchResourceException (in the Uni) for an unknown dataset
   * @throws ConflictException (in the Uni) if the dataset is deprecated or has no DAC, or the
   *     researcher has a pending request or a live grant for it
   */
  @WithTransaction
  public Uni<AccessRequest> request(Actor actor, NewAccessRequest request) {
    return Uni.createFrom()
        .item(() -> checked(actor, request))
        .flatMap(ok -> datasets.findById(request.datasetId()))
        .onItem()
        .ifNull()
        .failWith(() -> DatasetService.unknown(request.datasetId()))
        .invoke(AccessService::checkRequestable)
        .call(() -> refuseOpen(request.datasetId(), actor.username()))
        .flatMap(dataset -> insert(dataset, actor.username(), request.justification().strip()))
        .onFailure(UniqueViolation::in)
        .transform(
            e ->
                new ConflictException(
                    actor.username() + " has a pending request for " + request.datasetId()));
  }

  /** Approves a pending request: a grant until {@code expires_at} (or until revoked). */
  @WithTransaction
  public Uni<AccessRequest> approve(Actor actor, UUID id, DecisionRequest body) {
    Instant now = Timestamps.now();
    Instant expiry = body == null ? null : body.expiresAt();
    if (expiry != null && !expiry.isAfter(now)) {
      return Uni.createFrom()
          .failure(new InvalidRequestException("expires_at must be in the future"));
    }
    return decide(
        actor,
        id,
        AccessState.PENDING,
        AccessState.APPROVED,
        reason(body, false),
        expiry,
        r -> PermissionGranted.until(r.datasetId, r.username, expiry));
  }

  /** Rejects a pending request, with a reason. */
  @WithTransaction
  public Uni<AccessRequest> reject(Actor actor, UUID id, DecisionRequest body) {
    return decide(
        actor, id, AccessState.PENDING, AccessState.REJECTED, reason(body, true), null, r -> null);
  }

  /** Revokes a grant (an approved request), with an optional reason. */
  @WithTransaction
  public Uni<AccessRequest> revoke(Actor actor, UUID id, DecisionRequest body) {
    return decide(
        actor,
        id,
        AccessState.APPROVED,
        AccessState.REVOKED,
        reason(body, false),
        null,
        r -> new PermissionDeleted(r.datasetId, r.username));
  }

  /**
   * A request, if the actor may see it (the admin, its researcher, a member of its dataset's DAC).
   *
   * @throws NoSuchResourceException (in the Uni) if there is none the actor may see
   */
  @WithSession
  public Uni<AccessRequest> find(Actor actor, UUID id) {
    return requests
        .findById(id)
        .flatMap(found -> visible(actor, found))
        .onItem()
        .ifNull()
        .failWith(() -> unknown(id))
        .flatMap(found -> views(List.of(found)))
        .map(list -> list.get(0));
  }

  /** One page of the requests the filter selects among those the actor may see, newest first. */
  @WithSession
  public Uni<PageOf<AccessRequest>> list(
      Actor actor, String datasetId, String dacId, String username, int page, int size) {
    AccessRequestRepository.Filter filter =
        new AccessRequestRepository.Filter(datasetId, dacId, username, viewer(actor));
    return requests
        .count(filter)
        .flatMap(
            total ->
                requests
                    .page(filter, page, size)
                    .flatMap(this::views)
                    .map(items -> new PageOf<>(items, page, size, total)));
  }

  private Uni<AccessRequest> decide(
      Actor actor,
      UUID id,
      AccessState from,
      AccessState to,
      String reason,
      Instant expiry,
      Function<AccessRequestEntity, HubToNodeMessage> message) {
    return requests
        .lockById(id)
        .onItem()
        .ifNull()
        .failWith(() -> unknown(id))
        .call(request -> checkDecider(actor, request))
        .invoke(request -> checkState(request, from, to))
        .call(request -> record(request, actor.username(), to, reason, expiry))
        .call(request -> send(message.apply(request), request.id))
        .invoke(
            request ->
                LOG.infof(
                    "access request %s (%s for %s) %s by %s",
                    request.id, request.username, request.datasetId, to.id(), actor.username()))
        .flatMap(request -> views(List.of(request)))
        .map(list -> list.get(0));
  }

  /** Refuses unless the actor sits, with the dac role, on the DAC of the request's dataset. */
  private Uni<Void> checkDecider(Actor actor, AccessRequestEntity request) {
    return datasets
        .findById(request.datasetId)
        .flatMap(
            dataset -> {
              String refusal =
                  "only a member of the DAC responsible for "
                      + request.datasetId
                      + " decides on access to it";
              if (actor.admin() || !actor.has(Role.DAC) || dataset.dacId == null) {
                throw new ForbiddenException(refusal);
              }
              return members
                  .isMember(dataset.dacId, actor.username())
                  .invoke(
                      member -> {
                        if (!member) {
                          throw new ForbiddenException(refusal);
                        }
                      })
                  .replaceWithVoid();
            });
  }

  private static void checkState(AccessRequestEntity request, AccessState from, AccessState to) {
    if (!from.id().equals(request.state)) {
      throw new ConflictException(
          "access request "
              + request.id
              + " is "
              + request.state
              + ": only a "
              + from.id()
              + " request can be "
              + to.id());
    }
  }

  private Uni<Void> record(
      AccessRequestEntity request, String by, AccessState to, String reason, Instant expiry) {
    Instant now = Timestamps.now();
    request.state = to.id();
    request.updatedAt = now;
    if (to == AccessState.APPROVED) {
      request.grantedAt = now;
      request.expiresAt = expiry;
    }
    AccessDecisionEntity decision = new AccessDecisionEntity();
    decision.requestId = request.id;
    decision.decision = to.id();
    decision.decidedBy = by;
    decision.decidedAt = now;
    decision.reason = reason;
    decision.expiresAt = expiry;
    return decisions.persist(decision).chain(() -> decisions.flush());
  }

  private Uni<Void> send(HubToNodeMessage message, UUID requestId) {
    return message == null
        ? Uni.createFrom().voidItem()
        : Outbound.send(outbox, message, requestId.toString());
  }

  private static boolean checked(Actor actor, NewAccessRequest request) {
    if (actor.admin() || !actor.has(Role.RESEARCHER)) {
      throw new ForbiddenException("only a researcher requests access to a dataset");
    }
    if (request == null || request.datasetId() == null) {
      throw new InvalidRequestException(
          "a JSON body {\"dataset_id\": ..., \"justification\": ...} is required");
    }
    if (!AccessionIds.DATASET.matcher(request.datasetId()).matches()) {
      throw new InvalidRequestException(
          "dataset_id is not a dataset accession id (EGAD and 11 digits)");
    }
    text("justification", request.justification(), true);
    return true;
  }

  private static String reason(DecisionRequest body, boolean required) {
    return text("reason", body == null ? null : body.reason(), required);
  }

  private static String text(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new InvalidRequestException(field + " is required");
      }
      return null;
    }
    if (value.strip().length() > MAX_TEXT || value.indexOf('\0') >= 0) {
      throw new InvalidRequestException(
          field + " must have at most " + MAX_TEXT + " characters and no NUL");
    }
    return value.strip();
  }

  private static void checkRequestable(DatasetEntity dataset) {
    if (DatasetState.DEPRECATED.id().equals(dataset.state)) {
      throw new ConflictException("dataset " + dataset.datasetId + " is deprecated");
    }
    if (dataset.dacId == null) {
      throw new ConflictException(
          "dataset " + dataset.datasetId + " has no DAC yet: nobody could decide on a request");
    }
  }

  private Uni<Void> refuseOpen(String datasetId, String username) {
    return requests
        .openFor(datasetId, username, Timestamps.now())
        .invoke(
            open -> {
              if (open) {
                throw new ConflictException(
                    username + " has a pending request or a live grant for " + datasetId);
              }
            })
        .replaceWithVoid();
  }

  private Uni<AccessRequest> insert(DatasetEntity dataset, String username, String justification) {
    Instant now = Timestamps.now();
    AccessRequestEntity request = new AccessRequestEntity();
    request.id = UUID.randomUUID();
    request.datasetId = dataset.datasetId;
    request.username = username;
    request.justification = justification;
    request.state = AccessState.PENDING.id();
    request.createdAt = now;
    request.updatedAt = now;
    return requests
        .persist(request)
        .chain(() -> requests.flush())
        .invoke(
            () ->
                LOG.infof(
                    "%s requested access to %s (%s)", username, dataset.datasetId, request.id))
        .flatMap(ignored -> views(List.of(request)))
        .map(list -> list.get(0));
  }

  private Uni<AccessRequestEntity> visible(Actor actor, AccessRequestEntity request) {
    if (request == null || actor.admin() || request.username.equals(actor.username())) {
      return Uni.createFrom().item(request);
    }
    return datasets
        .findById(request.datasetId)
        .flatMap(
            dataset ->
                dataset.dacId == null
                    ? Uni.createFrom().nullItem()
                    : members
                        .isMember(dataset.dacId, actor.username())
                        .map(member -> member ? request : null));
  }

  private Uni<List<AccessRequest>> views(List<AccessRequestEntity> rows) {
    List<String> datasetIds = rows.stream().map(r -> r.datasetId).distinct().toList();
    return datasets
        .list("datasetId in ?1", datasetIds)
        .map(
            found ->
                found.stream()
                    .filter(d -> d.dacId != null)
                    .collect(Collectors.toMap(d -> d.datasetId, d -> d.dacId)))
        .flatMap(
            dacOf ->
                decisions
                    .of(rows.stream().map(r -> r.id).toList())
                    .map(AccessService::byRequest)
                    .map(byRequest -> rows.stream().map(r -> view(r, dacOf, byRequest)).toList()));
  }

  private static Map<UUID, List<AccessDecision>> byRequest(List<AccessDecisionEntity> all) {
    return all.stream()
        .collect(
            Collectors.groupingBy(
                d -> d.requestId,
                Collectors.mapping(
                    d ->
                        new AccessDecision(
                            d.decision, d.decidedBy, d.decidedAt, d.reason, d.expiresAt),
                    Collectors.toList())));
  }

  private static AccessRequest view(
      AccessRequestEntity r, Map<String, String> dacOf, Map<UUID, List<AccessDecision>> byRequest) {
    return new AccessRequest(
        r.id,
        r.datasetId,
        dacOf.get(r.datasetId),
        r.username,
        r.justification,
        r.state,
        r.expiresAt,
        r.grantedAt,
        r.createdAt,
        r.updatedAt,
        byRequest.getOrDefault(r.id, List.of()));
  }

  private static String viewer(Actor actor) {
    return actor.admin() ? null : actor.username();
  }

  private static NoSuchResourceException unknown(UUID id) {
    return new NoSuchResourceException("no access request '" + id + "'");
  }
}
