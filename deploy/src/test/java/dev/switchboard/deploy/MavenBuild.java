package dev.switchboard.deploy;

import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Path;

/** What the Maven build names its outputs, read from the POMs: {@code <artifactId>-<version>-<classifier>.jar}. */
final class MavenBuild {

    private MavenBuild() {
    }

    /** The file name of a module's Spring Boot executable jar. */
    static String executableJarName(String module) {
        String artifactId = xpath(RepositoryFiles.ROOT.resolve(module).resolve("pom.xml"), "/project/artifactId");
        Path root = RepositoryFiles.ROOT.resolve("pom.xml");
        String version = xpath(root, "/project/version");
        String classifier = xpath(root, "//plugin[artifactId='spring-boot-maven-plugin']//execution[id='repackage']"
                + "/configuration/classifier");
        return artifactId + "-" + version + "-" + classifier + ".jar";
    }

    static Path executableJar(String module) {
        return RepositoryFiles.ROOT.resolve(module).resolve("target").resolve(executableJarName(module));
    }

    private static String xpath(Path pom, String expression) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            String value = XPathFactory.newInstance().newXPath().evaluate(expression, document).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(expression + " is empty in " + pom);
            }
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + expression + " from " + pom, e);
        }
    }
}
