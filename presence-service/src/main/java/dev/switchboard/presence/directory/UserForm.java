package dev.switchboard.presence.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A user as the admin API receives it (create, update, one import row). Every field is optional here; {@link
 * #problems} says which are missing or wrong. {@code password} is the plain password, unless {@code salt} is given:
 * then it is TeamTalk's IMUser {@code password} column, {@code md5hex(md5hex(plain) + salt)}, kept as it is so that
 * imported users log in with their old passwords. Never logged ({@link #toString()} hides both).
 */
record UserForm(Long id, String name, String nick, Integer gender, String avatar, Long departmentId, String email,
                String realName, String tel, String domain, Integer status, String signInfo, String password,
                String salt) {

    static final int MAX_NAME = 64;
    static final int MAX_TEXT = 255;
    static final int MAX_SIGN_INFO = 256;
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    /** Field name -> what is wrong with it; empty when the form is acceptable. */
    Map<String, String> problems(boolean creating) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (id != null && (id < 1 || id > Integer.MAX_VALUE)) {
            problems.put("id", "must be from 1 to " + Integer.MAX_VALUE);
        }
        if (creating && (name == null || name.isBlank())) {
            problems.put("name", "required");
        } else if (name != null && (name.isBlank() || length(name) > MAX_NAME || !name.strip().equals(name)
                || name.chars().anyMatch(Character::isISOControl))) {
            problems.put("name", "must be 1 to " + MAX_NAME + " characters without surrounding spaces");
        }
        text(problems, "nick", nick, MAX_NAME);
        text(problems, "avatar", avatar, MAX_TEXT);
        text(problems, "email", email, MAX_TEXT);
        text(problems, "realName", realName, MAX_NAME);
        text(problems, "tel", tel, MAX_NAME);
        text(problems, "domain", domain, MAX_NAME);
        text(problems, "signInfo", signInfo, MAX_SIGN_INFO);
        if (gender != null && (gender < 0 || gender > 2)) {
            problems.put("gender", "must be 0 (unknown), 1 (male) or 2 (female)");
        }
        if (status != null && status < 0) {
            problems.put("status", "must be 0 (active) or positive (disabled)");
        }
        if (departmentId != null && (departmentId < 0 || departmentId > Integer.MAX_VALUE)) {
            problems.put("departmentId", "must be from 0 to " + Integer.MAX_VALUE);
        }
        credentialProblems(problems, creating);
        return problems;
    }

    private void credentialProblems(Map<String, String> problems, boolean creating) {
        if (salt != null) {
            if (salt.isEmpty() || length(salt) > 16) {
                problems.put("salt", "must be 1 to 16 characters");
            }
            if (password == null || !MD5_HEX.matcher(password).matches()) {
                problems.put("password", "with a salt, must be TeamTalk's 32-hex-digit md5(md5hex(password) + salt)");
            }
        } else if (creating && (password == null || password.isEmpty())) {
            problems.put("password", "required");
        } else if (password != null && (password.isEmpty() || length(password) > MAX_TEXT)) {
            problems.put("password", "must be 1 to " + MAX_TEXT + " characters");
        }
    }

    private static void text(Map<String, String> problems, String field, String value, int max) {
        if (value != null && length(value) > max) {
            problems.put(field, "must be at most " + max + " characters");
        }
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    @Override
    public String toString() {
        return "UserForm[id=" + id + ", name=" + name + "]";
    }
}
