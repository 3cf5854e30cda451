package org.lungprep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md, checked on the sources: algorithm packages never import
 * ImageJ 1.x ({@code ij.*}) or SciJava ({@code org.scijava.*}), nor the fronts; only {@code ij1} and
 * {@code commands} import {@code ij.*}; only {@code commands} imports {@code org.scijava.*}.
 */
class ImportRuleTest {

	private static final Path MAIN = Paths.get("src/main/java/org/lungprep");
	private static final Set<String> ALGORITHMS = Set.of("core", "io", "hu", "resample", "segment", "mesh", "normalize", "phantom");
	private static final Set<String> FRONTS = Set.of("cli", "ij1", "commands");
	private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

	@Test
	void algorithmAndPipelinePackagesStayFreeOfImageJAndSciJava() throws IOException {
		final List<String> violations = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				final String pkg = MAIN.relativize(f).getName(0).toString();
				final String src = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
				checked++;
				final Matcher m = IMPORT.matcher(src);
				while (m.find()) {
					final String imp = m.group(2);
					final boolean ij = imp.startsWith("ij.");
					final boolean scijava = imp.startsWith("org.scijava.");
					final boolean front = FRONTS.stream().anyMatch(fr -> imp.startsWith("org.lungprep." + fr + "."));
					if (ALGORITHMS.contains(pkg) || "pipeline".equals(pkg)) {
						if (ij || scijava || front) violations.add(f + " imports " + imp);
					}
					else if ("cli".equals(pkg)) {
						if (ij || scijava || imp.startsWith("org.lungprep.ij1.") || imp.startsWith("org.lungprep.commands."))
							violations.add(f + " imports " + imp);
					}
					else if ("ij1".equals(pkg)) {
						if (imp.startsWith("org.lungprep.cli.")) violations.add(f + " imports " + imp);
					}
				}
				if (ALGORITHMS.contains(pkg) && !"core".equals(pkg))
					for (final String other : ALGORITHMS)
						if (!other.equals(pkg) && !"core".equals(other) && Pattern.compile("import\\s+(static\\s+)?org\\.lungprep\\." + other + "\\.").matcher(src).find())
							violations.add(f + " (" + pkg + ") imports sibling algorithm package " + other);
			}
		}
		assertTrue(checked > 0, "no sources found under " + MAIN.toAbsolutePath());
		assertTrue(violations.isEmpty(), "dependency rule broken:\n" + String.join("\n", violations));
	}

	@Test
	void ruleCatchesAViolation() {
		final Matcher m = IMPORT.matcher("package x;\nimport ij.ImagePlus;\nimport static org.scijava.Foo.bar;\n");
		assertTrue(m.find());
		assertTrue(m.group(2).startsWith("ij."));
		assertTrue(m.find());
		assertTrue(m.group(2).startsWith("org.scijava."));
		assertFalse(m.find());
	}
}
