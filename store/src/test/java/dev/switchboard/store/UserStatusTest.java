package dev.switchboard.store;

import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserStatusTest {

    private static final PresenceEntry PC_ONLINE = new PresenceEntry(1, "gw-0", 1, 0x01, 1, 0);
    private static final PresenceEntry PC_LEAVE = new PresenceEntry(1, "gw-0", 2, 0x02, 3, 0);
    private static final PresenceEntry MOBILE_ONLINE = new PresenceEntry(1, "gw-0", 3, 0x11, 1, 0);
    private static final PresenceEntry MOBILE_LEAVE = new PresenceEntry(1, "gw-0", 4, 0x12, 3, 0);

    private final UserStatus teamtalk = new UserStatus(StatusMode.TEAMTALK);
    private final UserStatus accurate = new UserStatus(StatusMode.ACCURATE);

    @Test
    void teamtalkCountsOnlyPcConnectionsAndNeverReportsLeave() {
        assertThat(teamtalk.of(List.of(PC_LEAVE))).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(teamtalk.of(List.of(PC_ONLINE, MOBILE_ONLINE))).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(teamtalk.of(List.of(MOBILE_ONLINE))).isEqualTo(UserStatType.USER_STATUS_OFFLINE);
        assertThat(teamtalk.of(List.of())).isEqualTo(UserStatType.USER_STATUS_OFFLINE);
    }

    @Test
    void accurateCountsEveryConnectionAndReportsLeaveWhenAllChoseIt() {
        assertThat(accurate.of(List.of(MOBILE_ONLINE))).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(accurate.of(List.of(PC_LEAVE, MOBILE_LEAVE))).isEqualTo(UserStatType.USER_STATUS_LEAVE);
        assertThat(accurate.of(List.of(PC_LEAVE, MOBILE_ONLINE))).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(accurate.of(List.of())).isEqualTo(UserStatType.USER_STATUS_OFFLINE);
    }

    @Test
    void aConnectionAnnouncesTheStatusItChose() {
        assertThat(UserStatus.announced(PC_LEAVE)).isEqualTo(UserStatType.USER_STATUS_LEAVE);
        assertThat(UserStatus.announced(PC_ONLINE)).isEqualTo(UserStatType.USER_STATUS_ONLINE);
    }
}
