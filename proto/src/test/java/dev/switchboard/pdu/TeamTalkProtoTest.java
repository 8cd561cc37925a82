package dev.switchboard.pdu;

import com.google.protobuf.Internal.EnumLite;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.FileCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SwitchServiceCmdID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateReq;
import com.mogujie.tt.protobuf.IMServer;
import com.mogujie.tt.protobuf.IMServer.IMFileTransferReq;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spot checks that the generated TeamTalk classes carry the wire contract of PROTOCOL.md §2. */
class TeamTalkProtoTest {

    @Test
    void everyCommandIdSitsInItsServicesRange() {
        Map<Class<? extends Enum<?>>, ServiceID> services = Map.of(
                LoginCmdID.class, ServiceID.SID_LOGIN,
                BuddyListCmdID.class, ServiceID.SID_BUDDY_LIST,
                MessageCmdID.class, ServiceID.SID_MSG,
                GroupCmdID.class, ServiceID.SID_GROUP,
                FileCmdID.class, ServiceID.SID_FILE,
                SwitchServiceCmdID.class, ServiceID.SID_SWITCH_SERVICE,
                OtherCmdID.class, ServiceID.SID_OTHER);

        services.forEach((commands, service) -> {
            for (Enum<?> command : commands.getEnumConstants()) {
                assertThat(((EnumLite) command).getNumber() >> 8).as(command.name()).isEqualTo(service.getNumber());
            }
        });
    }

    @Test
    void fileTransferCommandIdsFollowTheEnumNotTheComments() {
        assertThat(OtherCmdID.CID_OTHER_FILE_TRANSFER_REQ_VALUE).isEqualTo(0x0731);
        assertThat(OtherCmdID.CID_OTHER_FILE_TRANSFER_RSP_VALUE).isEqualTo(0x0732);
        assertThat(OtherCmdID.CID_OTHER_FILE_SERVER_IP_REQ_VALUE).isEqualTo(0x0733);
        assertThat(OtherCmdID.CID_OTHER_FILE_SERVER_IP_RSP_VALUE).isEqualTo(0x0734);
        assertThat(OtherCmdID.forNumber(0x070c)).isNull();
    }

    @Test
    void groupCreateRequestDefaultsToTemporaryGroup() {
        assertThat(IMGroupCreateReq.getDefaultInstance().getGroupType()).isEqualTo(GroupType.GROUP_TYPE_TMP);
    }

    @Test
    void keepsTeamTalksProtoFileAndPackageNames() {
        assertThat(IMBaseDefine.getDescriptor().getName()).isEqualTo("IM.BaseDefine.proto");
        assertThat(IMBaseDefine.getDescriptor().getPackage()).isEqualTo("IM.BaseDefine");
        assertThat(IMServer.getDescriptor().getDependencies()).extracting(FileDescriptor::getName)
                .containsExactly("IM.BaseDefine.proto");
        assertThat(IMFileTransferReq.getDescriptor().getFullName()).isEqualTo("IM.Server.IMFileTransferReq");
    }

    @Test
    void strictParseRejectsMessageMissingRequiredField() throws InvalidProtocolBufferException {
        byte[] onlyUserId = IMFileTransferReq.newBuilder().setFromUserId(11).buildPartial().toByteArray();

        assertThat(IMFileTransferReq.parser().parsePartialFrom(onlyUserId).isInitialized()).isFalse();
        assertThatThrownBy(() -> IMFileTransferReq.parseFrom(onlyUserId))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
