package dev.switchboard.gateway.file;

import com.mogujie.tt.protobuf.IMBaseDefine.FileCmdID;
import dev.switchboard.gateway.GatewayMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The offline-file commands that get no answer: one {@link IgnoredFileCommand} each. */
@Configuration(proxyBeanMethods = false)
class OfflineFileConfiguration {

    @Bean
    IgnoredFileCommand addOfflineFileCommand(GatewayMetrics metrics) {
        return new IgnoredFileCommand(FileCmdID.CID_FILE_ADD_OFFLINE_REQ_VALUE, metrics);
    }

    @Bean
    IgnoredFileCommand deleteOfflineFileCommand(GatewayMetrics metrics) {
        return new IgnoredFileCommand(FileCmdID.CID_FILE_DEL_OFFLINE_REQ_VALUE, metrics);
    }
}
