package io.lega.hub.service;

import io.lega.hub.repository.DacEntity;
import io.lega.hub.repository.DacMemberEntity;
import io.lega.hub.repository.DacMemberRepository;
import io.lega.hub.repository.DacRepository;
import io.lega.hub.repository.DatasetRepository;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Data access committees: made by the admin with a title and members (users with the {@code dac}
 * role), who decide on access to the datasets the DAC is responsible for. DAC ids are {@code EGAC}
 * + 11 digits from the sequence {@code dac_accession_numbers} (never reused; a number a caller took
 * by naming its {@code dac_id} is skipped).
 */
@ApplicationScoped
public class DacService {

  private static final Logger LOG = Logger.getLogger(DacService.class);
  private static final int MAX_TITLE = 512;
  private static final int MAX_SKIPS = 1000;

  private final DacRepository dacs;
  private final DacMemberRepository members;
  private final UserRepository users;
  private final DatasetRepository datasets;

  public DacService(
      DacRepository dacs,
      DacMemberRepository members,
      UserRepository users,
      DatasetRepository datasets) {
    this.datasets = datasets;
    this.dacs = dacs;
    this.members = members;
    this.users = users;
  }

  /**
   * Creates a DAC.
   *
   * @throws InvalidRequestException (in the Uni) for a missing title or a malformed id
   * @throws ConflictException (in the Uni) if a member is unknown or lacks the {@code dac} role, or
   *     the id is taken
   */
  @WithTransaction
  public Uni<Dac> create(NewDac request) {
    return Uni.createFrom()
        .item(() -> checked(request))
        .flatMap(
            names ->
                checkMembers(names)
                    .chain(() -> dacId(request.dacId()))
                    .flatMap(id -> insert(id, request.title().strip(), names)));
  }

  /**
   * A DAC by id.
   *
   * @throws NoSuchResourceException (in the Uni) if there is none
   */
  @WithSession
  public Uni<Dac> find(String dacId) {
    return existing(dacId).flatMap(dac -> withMembers(List.of(dac))).map(list -> list.get(0));
  }

  /** One page of the DACs, by id. */
  @WithSession
  public Uni<PageOf<Dac>> list(int page, int size) {
    return dacs.count()
        .flatMap(
            total ->
                dacs.page(page, size)
                    .flatMap(this::withMembers)
                    .map(items -> new PageOf<>(items, page, size, total)));
  }

  /**
   * Adds a member (a repeat changes nothing).
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such DAC
   * @throws ConflictException (in the Uni) if the user is unknown or lacks the {@code dac} role
   */
  @WithTransaction
  public Uni<Dac> addMember(String dacId, String username) {
    return existing(dacId)
        .call(() -> checkMembers(List.of(username)))
        .call(
            () ->
                members.isMember(dacId, username).flatMap(is -> is ? done() : add(dacId, username)))
        .call(dac -> touch(dac))
        .flatMap(dac -> withMembers(List.of(dac)))
        .map(list -> list.get(0));
  }

  /**
   * Removes a member.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such DAC or member
   */
  @WithTransaction
  public Uni<Dac> removeMember(String dacId, String username) {
    return existing(dacId)
        .call(
            () ->
                members
                    .remove(dacId, username)
                    .invoke(
                        removed -> {
                          if (!removed) {
                            throw new NoSuchResourceException(
                                "'" + Text.shorten(username) + "' is not a member of " + dacId);
                          }
                        }))
        .call(dac -> touch(dac))
        .flatMap(dac -> withMembers(List.of(dac)))
        .map(list -> list.get(0));
  }

  /**
   * Makes {@code dacId} the DAC responsible for a dataset (the admin's change); from then on only
   * its members decide on the dataset's requests, pending ones included.
   *
   * @throws InvalidRequestException (in the Uni) if {@code dacId} is missing or malformed
   * @throws NoSuchResourceException (in the Uni) if there is no such dataset
   * @throws ConflictException (in the Uni) if there is no such DAC
   */
  @WithTransaction
  public Uni<Void> assign(String datasetId, String dacId) {
    if (dacId == null || !AccessionIds.DAC.matcher(dacId).matches()) {
      return Uni.createFrom()
          .failure(
              new InvalidRequestException(
                  "a JSON body {\"dac_id\": \"EGAC...\"} naming an existing DAC is required"));
    }
    return checkExists(dacId)
        .chain(() -> datasets.lockById(datasetId))
        .onItem()
        .ifNull()
        .failWith(() -> DatasetService.unknown(datasetId))
        .invoke(dataset -> dataset.dacId = dacId)
        .call(() -> datasets.flush())
        .invoke(() -> LOG.infof("dataset %s is now decided on by DAC %s", datasetId, dacId))
        .replaceWithVoid();
  }

  /** Refuses (409) a DAC id that names no DAC: a dataset cannot be given to it. */
  Uni<Void> checkExists(String dacId) {
    return dacs.findById(dacId)
        .invoke(
            dac -> {
              if (dac == null) {
                throw new ConflictException("no DAC " + dacId);
              }
            })
        .replaceWithVoid();
  }

  /** The DAC, or a {@link NoSuchResourceException}. */
  Uni<DacEntity> existing(String dacId) {
    return dacs.findById(dacId).onItem().ifNull().failWith(() -> unknown(dacId));
  }

  static NoSuchResourceException unknown(String dacId) {
    return new NoSuchResourceException("no DAC '" + Text.shorten(dacId) + "'");
  }

  private static List<String> checked(NewDac request) {
    if (request == null || request.title() == null || request.title().isBlank()) {
      throw new InvalidRequestException("a JSON body {\"title\": ...} naming the DAC is required");
    }
    if (request.title().strip().length() > MAX_TITLE || request.title().indexOf('\0') >= 0) {
      throw new InvalidRequestException(
          "title must have at most " + MAX_TITLE + " characters and no NUL");
    }
    if (request.dacId() != null && !AccessionIds.DAC.matcher(request.dacId()).matches()) {
      throw new InvalidRequestException(
          "dac_id '"
              + Text.shorten(request.dacId())
              + "' is not a DAC accession id (EGAC and 11 digits)");
    }
    List<String> names = request.members() == null ? List.of() : request.members();
    if (names.stream().anyMatch(Objects::isNull)) {
      throw new InvalidRequestException("members must be usernames, not null");
    }
    return List.copyOf(new LinkedHashSet<>(names));
  }

  /** Refuses unless every name is a user with the {@code dac} role. */
  private Uni<Void> checkMembers(List<String> names) {
    if (names.isEmpty()) {
      return done();
    }
    return users
        .list("username in ?1", names)
        .invoke(
            found -> {
              Map<String, Boolean> dacRole =
                  found.stream()
                      .collect(
                          Collectors.toMap(
                              u -> u.username, u -> List.of(u.roles).contains(Role.DAC.id())));
              List<String> problems = new ArrayList<>();
              for (String name : names) {
                Boolean hasRole = dacRole.get(name);
                if (hasRole == null) {
                  problems.add("unknown user '" + Text.shorten(name) + "'");
                } else if (!hasRole) {
                  problems.add(name + " lacks the dac role");
                }
              }
              if (!problems.isEmpty()) {
                throw new ConflictException(
                    "DAC members must be users with the dac role: " + String.join(", ", problems));
              }
            })
        .replaceWithVoid();
  }

  private Uni<String> dacId(String requested) {
    if (requested == null) {
      return freshId(0);
    }
    return dacs.findById(requested)
        .map(
            taken -> {
              if (taken != null) {
                throw new ConflictException("DAC " + requested + " exists already");
              }
              return requested;
            });
  }

  private Uni<String> freshId(int skipped) {
    if (skipped > MAX_SKIPS) {
      throw new IllegalStateException("no free DAC accession id after " + MAX_SKIPS + " skips");
    }
    return dacs.nextAccessionNumber()
        .map(AccessionIds::dac)
        .flatMap(
            id ->
                dacs.findById(id)
                    .flatMap(t -> t == null ? Uni.createFrom().item(id) : freshId(skipped + 1)));
  }

  private Uni<Dac> insert(String dacId, String title, List<String> names) {
    Instant now = Timestamps.now();
    DacEntity dac = new DacEntity();
    dac.dacId = dacId;
    dac.title = title;
    dac.createdAt = now;
    dac.updatedAt = now;
    return dacs.persist(dac)
        .chain(() -> members.persist(names.stream().map(name -> member(dacId, name, now))))
        .map(ignored -> new Dac(dacId, title, names.stream().sorted().toList(), now, now))
        .invoke(() -> LOG.infof("DAC %s created with %d member(s)", dacId, names.size()));
  }

  private Uni<Void> add(String dacId, String username) {
    return members
        .persist(member(dacId, username, Timestamps.now()))
        .invoke(() -> LOG.infof("%s joined DAC %s", username, dacId))
        .replaceWithVoid();
  }

  private Uni<Void> touch(DacEntity dac) {
    dac.updatedAt = Timestamps.now();
    return dacs.flush();
  }

  private static DacMemberEntity member(String dacId, String username, Instant now) {
    DacMemberEntity member = new DacMemberEntity();
    member.dacId = dacId;
    member.username = username;
    member.addedAt = now;
    return member;
  }

  private Uni<List<Dac>> withMembers(List<DacEntity> rows) {
    return members
        .of(rows.stream().map(d -> d.dacId).toList())
        .map(
            all -> {
              Map<String, List<String>> byDac =
                  all.stream()
                      .collect(
                          Collectors.groupingBy(
                              m -> m.dacId,
                              Collectors.mapping(m -> m.username, Collectors.toList())));
              return rows.stream()
                  .map(
                      d ->
                          new Dac(
                              d.dacId,
                              d.title,
                              byDac.getOrDefault(d.dacId, List.of()),
                              d.createdAt,
                              d.updatedAt))
                  .toList();
            });
  }

  private static Uni<Void> done() {
    return Uni.createFrom().voidItem();
  }
}
