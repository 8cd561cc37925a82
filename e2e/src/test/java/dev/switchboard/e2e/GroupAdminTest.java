package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import dev.switchboard.client.TeamTalkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The groups admin API of presence-service over real HTTP, and what members' TeamTalk clients see. Users 240-249. */
class GroupAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createsRenamesAndListsANormalGroupThatItsMembersSee() throws Exception {
        Answer created = call("POST", "/admin/groups",
                "{\"name\":\"Ops\",\"avatar\":\"ops.png\",\"creatorId\":240,\"memberIds\":[241,999999]}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("members")).as("creator always in, unknown users out")
                .isEqualTo(JSON.readTree("[240,241]"));
        assertThat(created.json().get("type").asString()).isEqualTo("normal");
        assertThat(created.json().get("version").asInt()).isEqualTo(1);

        Answer renamed = call("PUT", "/admin/groups/" + id, "{\"name\":\"Operations\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("version").asInt()).isEqualTo(2);
        assertThat(renamed.json().get("avatar").asString()).as("kept").isEqualTo("ops.png");
        assertThat(call("GET", "/admin/groups/" + id, null).json().get("name").asString()).isEqualTo("Operations");
        assertThat(ids(call("GET", "/admin/groups", null).json())).contains(id);

        TeamTalkClient member = clients.login(241, 1, ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(GroupCalls.normalList(member).getGroupVersionListList())
                .contains(GroupVersionInfo.newBuilder().setGroupId((int) id).setVersion(2).build());
        assertThat(GroupCalls.info(member, (int) id, 1).getGroupInfoList(0).getGroupName()).isEqualTo("Operations");
    }

    @Test
    void addsRemovesAndDissolvesWithTeamTalkNoticesToTheMembers() throws Exception {
        long id = call("POST", "/admin/groups", "{\"name\":\"Team\",\"creatorId\":242,\"memberIds\":[243]}")
                .json().get("id").asLong();
        TeamTalkClient creator = clients.login(242, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(243, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient newcomer = clients.login(244, 2, ClientType.CLIENT_TYPE_ANDROID);
        List.of(242, 243, 244).forEach(user -> cluster.awaitConnections(user, 1));

        Answer added = call("POST", "/admin/groups/" + id + "/members/add", "{\"userIds\":[244,243]}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("members")).isEqualTo(JSON.readTree("[242,243,244]"));
        assertThat(added.json().get("changed")).isEqualTo(JSON.readTree("[244]"));
        IMGroupChangeMemberNotify addNotice = IMGroupChangeMemberNotify.newBuilder().setUserId(242)
                .setChangeType(GroupModifyType.GROUP_MODIFY_TYPE_ADD).setGroupId((int) id)
                .addAllCurUserIdList(List.of(242, 243, 244)).addChgUserIdList(244).build();
        for (TeamTalkClient client : List.of(creator, member, newcomer)) {
            assertThat(notice(client)).isEqualTo(addNotice);
        }

        Answer removed = call("POST", "/admin/groups/" + id + "/members/remove", "{\"userIds\":[243]}");
        assertThat(removed.json().get("members")).isEqualTo(JSON.readTree("[242,244]"));
        for (TeamTalkClient client : List.of(creator, member, newcomer)) {
            assertThat(notice(client).getChgUserIdListList()).containsExactly(243);
        }

        Answer dissolved = call("DELETE", "/admin/groups/" + id, null);
        assertThat(dissolved.status()).isEqualTo(200);
        assertThat(dissolved.json().get("members")).isEqualTo(JSON.readTree("[]"));
        for (TeamTalkClient client : List.of(creator, newcomer)) {
            IMGroupChangeMemberNotify gone = notice(client);
            assertThat(gone.getChangeType()).isEqualTo(GroupModifyType.GROUP_MODIFY_TYPE_DEL);
            assertThat(gone.getCurUserIdListList()).isEmpty();
            assertThat(gone.getChgUserIdListList()).containsExactlyInAnyOrder(242, 244);
        }
        assertThat(member.pollIncoming(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, QUIET))
                .as("no longer a member").isEmpty();
        assertThat(call("GET", "/admin/groups/" + id, null).status()).isEqualTo(404);
        assertThat(ids(call("GET", "/admin/groups", null).json())).doesNotContain(id);
        assertThat(GroupCalls.normalList(creator).getGroupVersionListList()).isEmpty();
    }

    @Test
    void answersBadInputWith400AndUnknownGroupsWith404() throws Exception {
        long id = call("POST", "/admin/groups", "{\"name\":\"Errors\",\"creatorId\":245}").json().get("id").asLong();

        assertInvalid(call("POST", "/admin/groups", "{\"creatorId\":245}"), "name", "required");
        assertInvalid(call("POST", "/admin/groups", "{\"name\":\"x\"}"), "creatorId", "required");
        assertInvalid(call("POST", "/admin/groups", "{\"name\":\"x\",\"creatorId\":999999}"), "creatorId",
                "999999 is not a user");
        assertThat(call("POST", "/admin/groups", "{\"name\":\"x\",\"creatorId\":245,\"memberIds\":[0]}")
                .json().get("fields").get("memberIds").asString()).startsWith("0 is not an id");
        Answer unreadable = call("POST", "/admin/groups", "{not json");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().get("message").asString()).isEqualTo("unreadable request body");
        assertInvalid(call("POST", "/admin/groups/" + id + "/members/add", "{\"userIds\":[]}"), "userIds",
                "required: at least one user id");
        assertInvalid(call("PUT", "/admin/groups/" + id, "{\"name\":\" \"}"), "name", "required");
        Answer malformedId = call("GET", "/admin/groups/abc", null);
        assertThat(malformedId.status()).isEqualTo(400);
        assertThat(malformedId.json().get("fields").has("id")).isTrue();
        Answer missing = call("GET", "/admin/groups/987654", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Not Found");
        assertThat(missing.json().get("message").asString()).isEqualTo("group 987654 not found");
        assertThat(call("PUT", "/admin/groups/987654", "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(call("POST", "/admin/groups/987654/members/add", "{\"userIds\":[245]}").status()).isEqualTo(404);
        assertThat(call("POST", "/admin/groups/987654/members/remove", "{\"userIds\":[245]}").status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/admin/groups/987654", null).status()).isEqualTo(404);
    }

    @Test
    void seedsTheDemoGroupOfUsersOneToTen() throws Exception {
        JsonNode demo = StreamSupport.stream(call("GET", "/admin/groups", null).json().spliterator(), false)
                .filter(group -> group.get("name").asString().equals("Demo group"))
                .findFirst().orElseThrow();

        assertThat(demo.get("creatorId").asLong()).isEqualTo(1);
        assertThat(demo.get("type").asString()).isEqualTo("normal");
        assertThat(demo.get("members")).isEqualTo(JSON.readTree("[1,2,3,4,5,6,7,8,9,10]"));
    }

    /** The admin API's 400: {@code {"error": "Bad Request", "message": ..., "fields": {field: problem}}}. */
    private static void assertInvalid(Answer answer, String field, String problem) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).isEqualTo("Bad Request");
        assertThat(answer.json().get("fields").get(field).asString()).isEqualTo(problem);
    }

    private static List<Long> ids(JsonNode groups) {
        return StreamSupport.stream(groups.spliterator(), false).map(group -> group.get("id").asLong()).toList();
    }

    private static IMGroupChangeMemberNotify notice(TeamTalkClient client) {
        return client.awaitIncoming(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE,
                IMGroupChangeMemberNotify.parser(), WAIT);
    }

    private Answer call(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + cluster.httpPort() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + Cluster.ADMIN_TOKEN)
                .timeout(WAIT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** An HTTP answer: status and JSON body. */
    private record Answer(int status, JsonNode json) {
    }
}
