package dev.switchboard.pdu;

import com.google.protobuf.MessageLite;

/**
 * One TeamTalk PDU: the 16-byte header's fields and the protobuf body.
 *
 * <p>The body is a plain byte array: the decoder copies it out of the frame and releases the frame, so a {@code Pdu}
 * never holds a reference-counted buffer and can cross threads freely.
 *
 * @param version    header version; TeamTalk servers write 1 and never check it on receive
 * @param flag       header flag, unused by TeamTalk (0)
 * @param serviceId  SID_* value
 * @param commandId  CID_* value; TeamTalk dispatches on this alone
 * @param seq        request sequence number, echoed by responses; 0 on notifications
 * @param reserved   header reserved field (0)
 * @param body       the serialized protobuf message, possibly empty
 */
public record Pdu(int version, int flag, int serviceId, int commandId, int seq, int reserved, byte[] body) {

    /** Header length in bytes. */
    public static final int HEADER_LENGTH = 16;

    /** The version Switchboard writes on the PDUs it creates, as TeamTalk's servers do. */
    public static final int VERSION = 1;

    public Pdu {
        body = body == null ? new byte[0] : body;
    }

    /** A PDU Switchboard creates: version 1, flag and reserved 0. */
    public static Pdu of(int serviceId, int commandId, int seq, MessageLite message) {
        return new Pdu(VERSION, 0, serviceId, commandId, seq, 0, message.toByteArray());
    }

    /** A PDU with a raw body. */
    public static Pdu of(int serviceId, int commandId, int seq, byte[] body) {
        return new Pdu(VERSION, 0, serviceId, commandId, seq, 0, body);
    }

    /** The same PDU with another sequence number. */
    public Pdu withSeq(int newSeq) {
        return new Pdu(version, flag, serviceId, commandId, newSeq, reserved, body);
    }

    /** Total frame length on the wire: header plus body. */
    public int length() {
        return HEADER_LENGTH + body.length;
    }

    @Override
    public String toString() {
        return "Pdu[sid=0x%04x cid=0x%04x seq=%d bodyLength=%d]".formatted(serviceId, commandId, seq, body.length);
    }
}
