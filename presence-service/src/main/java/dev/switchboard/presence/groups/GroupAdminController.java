package dev.switchboard.presence.groups;

import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import dev.switchboard.presence.admin.AdminException;
import dev.switchboard.store.GroupRecord;
import dev.switchboard.store.GroupStore;
import dev.switchboard.store.MemberChange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The admin API for groups ({@code /admin/groups}, guarded with the rest of {@code /admin/**}): create normal groups,
 * list and read groups, rename them, add and remove members, dissolve them. Member changes reach the members'
 * clients as TeamTalk's {@code IMGroupChangeMemberNotify}. Ids that are not users are skipped when adding. Errors are
 * {@link AdminException}s, answered like every admin error: 400 naming the bad fields, 404 for a group that does not
 * exist (or was dissolved).
 */
@RestController
@RequestMapping("/admin/groups")
final class GroupAdminController {

    private static final int MAX_TEXT = 256;
    private static final long MAX_ID = 0xFFFF_FFFFL;

    private final GroupStore groups;
    private final GroupChangePublisher notices;

    GroupAdminController(GroupStore groups, GroupChangePublisher notices) {
        this.groups = groups;
        this.notices = notices;
    }

    @PostMapping
    ResponseEntity<GroupView> create(@RequestBody GroupRequests.Create request) {
        String name = text("name", request.name(), true);
        String avatar = text("avatar", request.avatar(), false);
        if (request.creatorId() == null) {
            throw invalid("creatorId", "required");
        }
        long creatorId = id("creatorId", request.creatorId());
        List<Long> members = request.memberIds() == null ? List.of() : ids("memberIds", request.memberIds());
        GroupRecord group = join(groups.create(name, avatar, creatorId, GroupRecord.NORMAL, members))
                .orElseThrow(() -> invalid("creatorId", creatorId + " is not a user"));
        return ResponseEntity.status(HttpStatus.CREATED).body(GroupView.of(group));
    }

    @GetMapping
    List<GroupView> list() {
        return join(groups.all()).stream().map(GroupView::of).toList();
    }

    @GetMapping("/{id}")
    GroupView get(@PathVariable long id) {
        return GroupView.of(find(id));
    }

    @PutMapping("/{id}")
    GroupView update(@PathVariable long id, @RequestBody GroupRequests.Update request) {
        GroupRecord group = find(id);
        String name = request.name() == null ? group.name() : text("name", request.name(), true);
        String avatar = request.avatar() == null ? group.avatar() : text("avatar", request.avatar(), false);
        join(groups.update(id, name, avatar)).orElseThrow(() -> notFound(id));
        return GroupView.of(find(id));
    }

    @PostMapping("/{id}/members/add")
    GroupRequests.Changed addMembers(@PathVariable long id, @RequestBody GroupRequests.Members request) {
        GroupRecord group = find(id);
        MemberChange change = join(groups.addMembers(id, memberIds(request)))
                .orElseThrow(() -> notFound(id));
        return changed(group, GroupModifyType.GROUP_MODIFY_TYPE_ADD, change);
    }

    @PostMapping("/{id}/members/remove")
    GroupRequests.Changed removeMembers(@PathVariable long id, @RequestBody GroupRequests.Members request) {
        GroupRecord group = find(id);
        MemberChange change = join(groups.removeMembers(id, memberIds(request)))
                .orElseThrow(() -> notFound(id));
        return changed(group, GroupModifyType.GROUP_MODIFY_TYPE_DEL, change);
    }

    /** Dissolves the group: every member is removed (and notified); the group then reads as absent. */
    @DeleteMapping("/{id}")
    GroupRequests.Changed dissolve(@PathVariable long id) {
        GroupRecord group = find(id);
        MemberChange change = join(groups.dissolve(id)).orElseThrow(() -> notFound(id));
        return changed(group, GroupModifyType.GROUP_MODIFY_TYPE_DEL, change);
    }

    private GroupRequests.Changed changed(GroupRecord group, GroupModifyType type, MemberChange change) {
        notices.publish(group.id(), group.creatorId(), type, change);
        return new GroupRequests.Changed(group.id(), change.version(), change.current(), change.changed());
    }

    private GroupRecord find(long id) {
        return join(groups.find(id)).orElseThrow(() -> notFound(id));
    }

    private static List<Long> memberIds(GroupRequests.Members request) {
        if (request.userIds() == null || request.userIds().isEmpty()) {
            throw invalid("userIds", "required: at least one user id");
        }
        return ids("userIds", request.userIds());
    }

    private static List<Long> ids(String field, List<Long> ids) {
        return ids.stream().map(id -> id(field, id)).toList();
    }

    private static long id(String field, Long id) {
        if (id == null || id < 1 || id > MAX_ID) {
            throw invalid(field, id + " is not an id (expected: 1.." + MAX_ID + ")");
        }
        return id;
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(field, "required");
            }
            return "";
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(field, value.length() + " characters (expected: at most " + MAX_TEXT + ")");
        }
        return value;
    }

    private static AdminException invalid(String field, String problem) {
        return AdminException.badRequest(Map.of(field, problem));
    }

    private static AdminException notFound(long id) {
        return AdminException.notFound("group " + id);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
