package dev.switchboard.presence.notice;

import dev.switchboard.store.PresenceChange;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.StatusMode;
import dev.switchboard.store.UserStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.mogujie.tt.protobuf.IMBaseDefine.UserStatType.USER_STATUS_LEAVE;
import static com.mogujie.tt.protobuf.IMBaseDefine.UserStatType.USER_STATUS_OFFLINE;
import static com.mogujie.tt.protobuf.IMBaseDefine.UserStatType.USER_STATUS_ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

class StatusNoticesTest {

    private static final PresenceEntry PC = new PresenceEntry(1, "gw-0", 1, 0x01, 1, 0);
    private static final PresenceEntry PC_LEAVE = new PresenceEntry(1, "gw-1", 2, 0x02, 3, 0);
    private static final PresenceEntry PHONE = new PresenceEntry(1, "gw-0", 3, 0x11, 1, 0);
    private static final PresenceEntry PHONE_LEAVE = new PresenceEntry(1, "gw-0", 4, 0x12, 3, 0);

    private final UserStatus teamtalk = new UserStatus(StatusMode.TEAMTALK);
    private final UserStatus accurate = new UserStatus(StatusMode.ACCURATE);

    @Test
    void teamtalkAnnouncesAPcLoginWithItsChosenStatusAndTellsTheMobiles() {
        assertThat(StatusNotices.of(teamtalk, online(PC, List.of(), List.of(PC, PHONE))))
                .isEqualTo(new StatusNotices(USER_STATUS_ONLINE, USER_STATUS_ONLINE));
        assertThat(StatusNotices.of(teamtalk, online(PC_LEAVE, List.of(PC), List.of(PC_LEAVE))))
                .as("a newer PC login that kicked the older one").isEqualTo(
                        new StatusNotices(USER_STATUS_LEAVE, USER_STATUS_ONLINE));
    }

    @Test
    void teamtalkTellsAMobileThatLogsInWhileThePcIsOnlineButNoPcClient() {
        assertThat(StatusNotices.of(teamtalk, online(PHONE, List.of(), List.of(PC, PHONE))))
                .isEqualTo(new StatusNotices(null, USER_STATUS_ONLINE));
        assertThat(StatusNotices.of(teamtalk, online(PHONE, List.of(), List.of(PHONE))))
                .isEqualTo(new StatusNotices(null, null));
    }

    @Test
    void teamtalkAnnouncesOfflineOnlyWhenTheLastPcGoes() {
        assertThat(StatusNotices.of(teamtalk, removed(List.of(PC), List.of(PHONE))))
                .isEqualTo(new StatusNotices(USER_STATUS_OFFLINE, USER_STATUS_OFFLINE));
        assertThat(StatusNotices.of(teamtalk, removed(List.of(PC), List.of())))
                .as("nobody is left to get 0x020e").isEqualTo(new StatusNotices(USER_STATUS_OFFLINE, null));
        assertThat(StatusNotices.of(teamtalk, removed(List.of(PC), List.of(PC_LEAVE))))
                .as("another PC remains").isEqualTo(new StatusNotices(null, null));
        assertThat(StatusNotices.of(teamtalk, removed(List.of(PHONE), List.of(PC))))
                .as("a mobile leaving").isEqualTo(new StatusNotices(null, null));
    }

    @Test
    void aConnectionThatWasNoLongerRecordedAnnouncesNothing() {
        assertThat(StatusNotices.of(teamtalk, removed(List.of(), List.of())))
                .isEqualTo(new StatusNotices(null, null));
        assertThat(StatusNotices.of(accurate, removed(List.of(), List.of())))
                .isEqualTo(new StatusNotices(null, null));
    }

    @Test
    void accurateAnnouncesEveryChangeOfTheAggregateStatusWhicheverClassCausedIt() {
        assertThat(StatusNotices.of(accurate, online(PHONE, List.of(), List.of(PHONE))).userStat())
                .isEqualTo(USER_STATUS_ONLINE);
        assertThat(StatusNotices.of(accurate, online(PC, List.of(), List.of(PHONE, PC))).userStat())
                .as("already online through the mobile").isNull();
        assertThat(StatusNotices.of(accurate, online(PHONE_LEAVE, List.of(), List.of(PHONE_LEAVE))).userStat())
                .isEqualTo(USER_STATUS_LEAVE);
        assertThat(StatusNotices.of(accurate, removed(List.of(PHONE), List.of(PC_LEAVE))).userStat())
                .isEqualTo(USER_STATUS_LEAVE);
        assertThat(StatusNotices.of(accurate, removed(List.of(PHONE), List.of())).userStat())
                .isEqualTo(USER_STATUS_OFFLINE);
    }

    @Test
    void accurateStillTellsTheMobilesAboutThePcLikeTeamtalk() {
        assertThat(StatusNotices.of(accurate, removed(List.of(PC), List.of(PHONE))))
                .isEqualTo(new StatusNotices(null, USER_STATUS_OFFLINE));
    }

    private static PresenceChange online(PresenceEntry added, List<PresenceEntry> losers,
                                         List<PresenceEntry> remaining) {
        return new PresenceChange(1, List.of(added), losers, remaining);
    }

    private static PresenceChange removed(List<PresenceEntry> removed, List<PresenceEntry> remaining) {
        return new PresenceChange(1, List.of(), removed, remaining);
    }
}
