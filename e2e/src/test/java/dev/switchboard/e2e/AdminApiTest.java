package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.DepartInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.store.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * presence-service's admin API over real HTTP, checked through what TeamTalk clients then see over real sockets.
 * Logins use users 290-299; users created here have ids 9250-9299.
 */
class AdminApiTest {

    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);
    private final AdminHttp admin = new AdminHttp(cluster.httpPort(), AdminHttp.TOKEN);

    @Test
    void refusesRequestsWithoutTheRightTokenWith401Json() {
        AdminHttp.Answer missing = new AdminHttp(cluster.httpPort(), null).get("/admin/users/1");
        AdminHttp.Answer wrong = new AdminHttp(cluster.httpPort(), "e2e-admin-tokeX").get("/admin/users");
        AdminHttp.Answer wrongOnAnyAdminPath = new AdminHttp(cluster.httpPort(), "nope").postJson("/admin/anything", "{}");

        for (AdminHttp.Answer answer : List.of(missing, wrong, wrongOnAnyAdminPath)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.json().get("message").asString()).contains("Authorization: Bearer");
        }
        assertThat(admin.get("/admin/users/1").status()).isEqualTo(200);
    }

    @Test
    void answers503SayingHowToEnableItWhenNoTokenIsConfigured() {
        try (ConfigurableApplicationContext withoutToken = presenceWithoutAdminToken()) {
            int port = Integer.parseInt(withoutToken.getEnvironment().getRequiredProperty("local.server.port"));

            AdminHttp.Answer answer = new AdminHttp(port, "anything").get("/admin/users");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("message").asString()).contains("disabled", "switchboard.presence.admin-token");
        }
    }

    @Test
    void aCreatedUserLogsInOverATeamTalkClientAndCredentialsAreNeverReturned() {
        AdminHttp.Answer created = admin.postJson("/admin/users", """
                {"id": 9250, "name": "dir-alice", "nick": "Alice", "gender": 2, "departmentId": 1,
                 "email": "alice@example.com", "password": "s3cret!"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asLong()).isEqualTo(9250);
        assertThat(created.json().get("realName").asString()).isEqualTo("dir-alice");
        assertThat(created.json().has("password")).isFalse();
        assertThat(created.json().toString()).doesNotContain("s3cret", "pbkdf2", "credential");

        IMLoginRes login = clients.connect(0).login("dir-alice", "s3cret!", ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(login.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(login.getUserInfo().getUserId()).isEqualTo(9250);
        assertThat(login.getUserInfo().getUserNickName()).isEqualTo("Alice");
        assertThat(login.getUserInfo().getUserGender()).isEqualTo(2);

        AdminHttp.Answer one = admin.get("/admin/users/9250");
        assertThat(one.json().get("email").asString()).isEqualTo("alice@example.com");
        assertThat(one.json().toString()).doesNotContain("pbkdf2");
    }

    @Test
    void refusesInvalidDuplicateAndUnknownUsersWithJsonErrors() {
        AdminHttp.Answer invalid = admin.postJson("/admin/users", """
                {"id": 9251, "nick": "no name", "gender": 7}""");
        AdminHttp.Answer duplicate = admin.postJson("/admin/users", """
                {"id": 9252, "name": "user290", "password": "x"}""");
        AdminHttp.Answer missing = admin.get("/admin/users/999999");
        AdminHttp.Answer unreadable = admin.postJson("/admin/users", "{not json");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("fields").get("name").asString()).isEqualTo("required");
        assertThat(invalid.json().get("fields").has("gender")).isTrue();
        assertThat(invalid.json().get("fields").has("password")).isTrue();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("fields").get("name").asString()).contains("user290");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).contains("999999");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(admin.get("/admin/users/9251").status()).isEqualTo(404);
    }

    @Test
    void aDisabledUserCannotLogInAndConnectedClientsSeeItsNonZeroStatusUntilItIsEnabled() {
        assertThat(admin.postJson("/admin/users", """
                {"id": 9253, "name": "dir-bob", "nick": "Bob", "password": "pw-bob"}""").status()).isEqualTo(201);
        TeamTalkClient watcher = clients.login("user291", 1, ClientType.CLIENT_TYPE_WINDOWS);
        int since = DirectoryTest.allUsers(watcher, 0).getLatestUpdateTime();

        AdminHttp.Answer disabled = admin.post("/admin/users/9253/disable", "application/json", "");

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asInt()).isEqualTo(1);
        IMLoginRes refused = clients.connect(2).login("dir-bob", "pw-bob", ClientType.CLIENT_TYPE_ANDROID);
        assertThat(refused.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(refused.getResultCode().getNumber()).isEqualTo(6);
        IMAllUserRsp changed = DirectoryTest.allUsers(watcher, since);
        assertThat(DirectoryTest.find(changed, 9253).getStatus()).isNotZero();

        assertThat(admin.post("/admin/users/9253/enable", "application/json", "").json().get("status").asInt())
                .isZero();
        assertThat(clients.connect(2).login("dir-bob", "pw-bob", ClientType.CLIENT_TYPE_ANDROID).getResultCode())
                .isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(DirectoryTest.find(DirectoryTest.allUsers(watcher, changed.getLatestUpdateTime()), 9253)
                .getStatus()).isZero();
    }

    @Test
    void anUpdatedNickAndPasswordReachConnectedClientsAndTheNextLogin() {
        TeamTalkClient watcher = clients.login("user292", 0, ClientType.CLIENT_TYPE_WINDOWS);
        int since = DirectoryTest.allUsers(watcher, 0).getLatestUpdateTime();

        AdminHttp.Answer updated = admin.putJson("/admin/users/293", """
                {"nick": "Renamed 293", "signInfo": "updated by admin", "password": "new-293"}""");
        AdminHttp.Answer renameToTaken = admin.putJson("/admin/users/293", """
                {"name": "user294"}""");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("nick").asString()).isEqualTo("Renamed 293");
        assertThat(renameToTaken.status()).isEqualTo(409);
        UserInfo seen = DirectoryTest.find(DirectoryTest.allUsers(watcher, since), 293);
        assertThat(seen.getUserNickName()).isEqualTo("Renamed 293");
        assertThat(seen.getSignInfo()).isEqualTo("updated by admin");
        assertThat(clients.connect(1).login("user293", "123456", ClientType.CLIENT_TYPE_MAC).getResultCode()
                .getNumber()).isEqualTo(6);
        assertThat(clients.connect(1).login("user293", "new-293", ClientType.CLIENT_TYPE_MAC).getResultCode()
                .getNumber()).isZero();
        assertThat(admin.putJson("/admin/users/999999", "{\"nick\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    void listsUsersByIdPageByPage() {
        JsonNode page = admin.get("/admin/users?offset=289&limit=3").json();

        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(400);
        assertThat(page.get("users").valueStream().map(user -> user.get("id").asLong()).toList())
                .containsExactly(290L, 291L, 292L);
        assertThat(page.toString()).doesNotContain("credential", "pbkdf2");
        assertThat(admin.get("/admin/users?limit=0").status()).isEqualTo(400);
    }

    @Test
    void importsTeamTalkCsvRowsWhoseUsersLogInWithTheirOldPasswordsAndRejectsBadRows() {
        String salt = "4821";
        String column = Credentials.md5hex(Credentials.md5hex("old-csv-pass") + salt);
        String csv = "id,sex,name,domain,nick,password,salt,phone,email,avatar,departId,status,sign_info,created\r\n"
                + "9260,1,dir-carol,carol,\"Carol, C.\"," + column + "," + salt
                + ",555-1,carol@example.com,http://img/c.png,1,0,\"says \"\"hi\"\"\",1480000000\r\n"
                + "9261,1,dir-dave,dave,Dave,not-an-md5," + salt + ",,,,1,0,,1480000000\r\n"
                + "9262,x,,dave,Nameless,,,,,,1,0,,1480000000\r\n"
                + "9263,1,user294,dup,Dup," + column + "," + salt + ",,,,1,0,,1480000000\r\n";

        AdminHttp.Answer report = admin.post("/admin/users/import", "text/csv", csv);

        assertThat(report.status()).isEqualTo(200);
        assertThat(ids(report.json().get("created"))).containsExactly(9260L);
        List<JsonNode> rejected = report.json().get("rejected").valueStream().toList();
        assertThat(rejected).extracting(row -> row.get("row").asInt()).containsExactly(2, 3, 4);
        assertThat(rejected.get(0).get("reasons").get("password").asString()).contains("md5");
        assertThat(rejected.get(1).get("reasons").get("sex").asString()).contains("not a whole number");
        assertThat(rejected.get(1).get("reasons").get("name").asString()).isEqualTo("required");
        assertThat(rejected.get(2).get("reasons").get("name").asString()).contains("user294");
        assertThat(report.json().toString()).doesNotContain(column);

        IMLoginRes login = clients.connect(0).login("dir-carol", "old-csv-pass", ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(login.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        UserInfo carol = login.getUserInfo();
        assertThat(carol.getUserId()).isEqualTo(9260);
        assertThat(carol.getUserNickName()).isEqualTo("Carol, C.");
        assertThat(carol.getSignInfo()).isEqualTo("says \"hi\"");
        assertThat(carol.getUserTel()).isEqualTo("555-1");
        assertThat(carol.getUserRealName()).as("TeamTalk fills the real name from the login name").isEqualTo("dir-carol");
        assertThat(clients.connect(1).login("dir-carol", "wrong", ClientType.CLIENT_TYPE_WINDOWS).getResultCode()
                .getNumber()).isEqualTo(6);
    }

    @Test
    void importsJsonRowsCreatingAndThenUpdatingByIdWithTheOldPasswordsWorking() {
        String salt = "77";
        String column = Credentials.md5hex(Credentials.md5hex("old-json-pass") + salt);
        String rows = """
                [{"id": 9270, "sex": 2, "name": "dir-erin", "nick": "Erin", "password": "%s", "salt": "%s",
                  "departId": 1, "status": 0},
                 {"id": 9271, "name": "dir-frank", "nick": "Frank", "password": "plain-frank"},
                 {"id": "x1272", "name": "dir-bad", "password": "p"}]""".formatted(column, salt);

        AdminHttp.Answer first = admin.postJson("/admin/users/import", rows);
        AdminHttp.Answer again = admin.postJson("/admin/users/import", rows.replace("\"Erin\"", "\"Erin 2\""));

        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first.json().get("created"))).containsExactly(9270L, 9271L);
        assertThat(first.json().get("rejected").get(0).get("reasons").get("id").asString()).contains("x1272");
        assertThat(ids(again.json().get("updated"))).containsExactly(9270L, 9271L);
        assertThat(ids(again.json().get("created"))).isEmpty();
        IMLoginRes erin = clients.connect(2).login("dir-erin", "old-json-pass", ClientType.CLIENT_TYPE_IOS);
        assertThat(erin.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(erin.getUserInfo().getUserNickName()).isEqualTo("Erin 2");
        assertThat(clients.connect(0).login("dir-frank", "plain-frank", ClientType.CLIENT_TYPE_WINDOWS).getResultCode())
                .isEqualTo(ResultType.REFUSE_REASON_NONE);
    }

    @Test
    void departmentsCreatedAndUpdatedReachClientsIncrementalDepartmentSync() {
        TeamTalkClient watcher = clients.login("user295", 1, ClientType.CLIENT_TYPE_WINDOWS);
        int since = DirectoryTest.departments(watcher, 0).getLatestUpdateTime();

        AdminHttp.Answer created = admin.postJson("/admin/departments", """
                {"id": 9250, "name": "Directory QA", "priority": 4, "parentId": 1}""");
        AdminHttp.Answer updated = admin.putJson("/admin/departments/9250", """
                {"name": "Directory QA (closed)", "status": 1}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(admin.postJson("/admin/departments", "{\"id\": 9250, \"name\": \"again\"}").status())
                .isEqualTo(409);
        assertThat(admin.postJson("/admin/departments", "{\"id\": 9251, \"status\": 5}").status()).isEqualTo(400);
        assertThat(admin.putJson("/admin/departments/999999", "{\"name\": \"x\"}").status()).isEqualTo(404);
        assertThat(admin.get("/admin/departments").json().valueStream().map(d -> d.get("id").asLong()).toList())
                .contains(1L, 9250L);
        DepartInfo department = DirectoryTest.departments(watcher, since).getDeptListList().stream()
                .filter(d -> d.getDeptId() == 9250).findFirst().orElseThrow();
        assertThat(department.getDeptName()).isEqualTo("Directory QA (closed)");
        assertThat(department.getPriority()).isEqualTo(4);
        assertThat(department.getParentDeptId()).isEqualTo(1);
        assertThat(department.getDeptStatus().getNumber()).isEqualTo(1);
    }

    private static List<Long> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asLong).toList();
    }

    /** A second presence-service with no admin token, its own key prefix and no Kafka consumers: isolated. */
    private static ConfigurableApplicationContext presenceWithoutAdminToken() {
        Map<String, Object> properties = new TreeMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("spring.kafka.listener.auto-startup", "false");
        properties.put("switchboard.redis.url", SharedInfrastructure.redis().url());
        properties.put("switchboard.redis.key-prefix", "e2e-no-admin:");
        properties.putAll(Cluster.postgresProperties());
        properties.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(PresenceApplication.class).registerShutdownHook(false)
                .run(Cluster.arguments(properties));
    }
}
