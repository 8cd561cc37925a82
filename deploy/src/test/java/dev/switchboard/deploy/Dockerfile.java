package dev.switchboard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * docker/Dockerfile as its instructions (comments dropped, continuation lines joined), split into build stages.
 */
record Dockerfile(List<List<Instruction>> stages) {

    static final String PATH = "docker/Dockerfile";

    /** One instruction: {@code COPY --from=layers /a /b} is keyword COPY, arguments {@code --from=layers /a /b}. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read() {
        return parse(RepositoryFiles.read(PATH));
    }

    static Dockerfile parse(String text) {
        List<List<Instruction>> stages = new ArrayList<>();
        List<Instruction> preamble = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            String joined = pending.append(stripped).toString().strip();
            pending.setLength(0);
            String[] parts = joined.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            (stages.isEmpty() ? preamble : stages.get(stages.size() - 1)).add(instruction);
        }
        return new Dockerfile(stages.stream().map(List::copyOf).toList());
    }

    /** The stage the image is made of. */
    List<Instruction> finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** Arguments of the final stage's last instruction with this keyword. */
    String last(String keyword) {
        return finalStage().stream().filter(instruction -> instruction.keyword().equals(keyword))
                .reduce((first, second) -> second).map(Instruction::arguments)
                .orElseThrow(() -> new NoSuchElementException("no " + keyword + " in the final stage"));
    }

    String user() {
        return last("USER");
    }

    /** Every instruction with this keyword, in any stage. */
    List<String> all(String keyword) {
        return stages.stream().flatMap(List::stream).filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }
}
