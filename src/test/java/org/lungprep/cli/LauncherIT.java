package org.lungprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lungprep} with the packaged command-line jar, in a copy of the project layout (bin/, target/) so the real
 * build's archive is left alone: a quick command writes no class-data archive; the first real run writes one, and
 * nothing half-written; the next run maps its classes from it; a rebuilt jar makes the next run write it again.
 */
@Tag("e2e")
class LauncherIT {

	@Test
	void classDataArchiveIsWrittenOnceUsedAndRenewedWithTheJar(@TempDir final Path tmp) throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "the launcher is a POSIX shell script");
		final Path jar = Paths.get("target", "lungprep-cli.jar");
		assertTrue(Files.isRegularFile(jar), "the packaged command-line jar (run mvn verify): " + jar.toAbsolutePath());
		final Path home = tmp.resolve("lungprep");
		Files.createDirectories(home.resolve("bin"));
		Files.createDirectories(home.resolve("target"));
		final Path launcher = home.resolve("bin").resolve("lungprep");
		Files.copy(Paths.get("bin", "lungprep"), launcher);
		assertTrue(launcher.toFile().setExecutable(true));
		final Path copy = home.resolve("target").resolve("lungprep-cli.jar");
		Files.copy(jar, copy);
		final Path target = home.resolve("target");

		final Run version = run(launcher, tmp, null, "--version");
		assertEquals(0, version.code, version.output);
		assertTrue(version.output.contains("LungPrep"), version.output);
		assertEquals(List.of("lungprep-cli.jar"), list(target), "a --version run writes no archive");

		final Run first = run(launcher, tmp, null, "demo", "--out", tmp.resolve("demo1").toString());
		assertEquals(0, first.code, first.output);
		assertTrue(first.output.contains("qc"), first.output);
		// one archive, named after the JVM that wrote it, and no temporary one left
		final String name = "lungprep-cli-java" + System.getProperty("java.runtime.version").replaceAll("[^A-Za-z0-9._-]", "_") + ".jsa";
		assertEquals(List.of(name, "lungprep-cli.jar"), list(target));
		final Path archive = target.resolve(name);
		assertTrue(Files.size(archive) > 100_000, "archive written by the first real run");
		final FileTime written = Files.getLastModifiedTime(archive);

		// the next run maps the project's classes from the archive (the JVM's class-load log says where each came from)
		final Path log = tmp.resolve("classes.log");
		final Run second = run(launcher, tmp, "-Xlog:class+load:file=" + log, "demo", "--out", tmp.resolve("demo2").toString());
		assertEquals(0, second.code, second.output);
		final String loaded = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		assertTrue(loaded.matches("(?s).*org\\.lungprep\\.pipeline\\.Preprocessor source: shared objects file.*"), "Preprocessor from the archive");
		// picocli too: the build gives its Java 5 classes stack map frames (src/build/AddStackMaps.java); without them the
		// archive skips every one of them
		assertTrue(loaded.matches("(?s).*picocli\\.CommandLine source: shared objects file.*"), "picocli from the archive");
		assertFalse(loaded.matches("(?s).*picocli\\.\\S+ source: (file|jar):.*"), "no picocli class loaded from the jar");
		assertEquals(written, Files.getLastModifiedTime(archive), "an up-to-date archive is not rewritten");

		// a jar newer than the archive (the archive dated back, not the jar forward, so no clock race): the archive is
		// stale, and the next real run writes a new one
		final FileTime stale = FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() - 60_000);
		Files.setLastModifiedTime(archive, stale);
		final Run third = run(launcher, tmp, null, "demo", "--out", tmp.resolve("demo3").toString());
		assertEquals(0, third.code, third.output);
		assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(copy)) > 0, "archive renewed after the jar changed");

		// a failing run publishes nothing
		Files.delete(archive);
		final Run bad = run(launcher, tmp, null, "preprocess", tmp.resolve("missing").toString(), tmp.resolve("out").toString());
		assertEquals(1, bad.code, bad.output);
		assertTrue(bad.output.contains("missing"), bad.output);
		assertEquals(List.of("lungprep-cli.jar"), list(target), "no archive from a failed run");

		// a JVM older than Java 13 (no dynamic archives): the launcher reads its release file and runs without one
		final Path oldJdk = Files.createDirectories(tmp.resolve("jdk11").resolve("bin"));
		final Path fakeJava = oldJdk.resolve("java");
		Files.writeString(fakeJava, "#!/bin/sh\nexec '" + Paths.get(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
		assertTrue(fakeJava.toFile().setExecutable(true));
		Files.writeString(oldJdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
		final Run old = run(launcher, tmp, null, oldJdk, "demo", "--out", tmp.resolve("demo4").toString());
		assertEquals(0, old.code, old.output);
		assertEquals(List.of("lungprep-cli.jar"), list(target), "no archive with a Java 11 runtime");

		// a space in the project's path, as in many home folders: every path reaches the JVM as one argument, with the
		// archive written and then given to the next run (the JVM itself maps the project's classes from an archive
		// only without spaces in the class path, so only that the runs succeed is checked here)
		final Path spaced = Files.createDirectories(tmp.resolve("lung prep").resolve("bin"));
		Files.copy(launcher, spaced.resolve("lungprep"));
		assertTrue(spaced.resolve("lungprep").toFile().setExecutable(true));
		final Path spacedTarget = Files.createDirectories(spaced.getParent().resolve("target"));
		Files.copy(jar, spacedTarget.resolve("lungprep-cli.jar"));
		for (final String out : new String[] { "demo5", "demo6" }) {
			final Run r = run(spaced.resolve("lungprep"), tmp, null, "demo", "--out", tmp.resolve(out).toString());
			assertEquals(0, r.code, r.output);
			assertTrue(Files.isRegularFile(tmp.resolve(out).resolve("qc.png")), r.output);
		}
		assertEquals(2, list(spacedTarget).size(), "the archive is written there too: " + list(spacedTarget));
	}

	@Test
	void aTargetFolderThatCannotBeWrittenOnlyMeansNoArchive() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "the launcher is a POSIX shell script");
		final Path jar = Paths.get("target", "lungprep-cli.jar");
		assertTrue(Files.isRegularFile(jar), "the packaged command-line jar (run mvn verify): " + jar.toAbsolutePath());
		// root writes anywhere: run the launcher as nobody then; any other user meets the read-only folder itself
		final boolean root = "root".equals(System.getProperty("user.name"));
		final Path runuser = Paths.get("/usr/sbin/runuser");
		Assumptions.assumeTrue(!root || Files.isExecutable(runuser), "running as root without runuser: cannot make a folder root cannot write");
		final Path home = Files.createTempDirectory("lungprep-ro");
		try {
			final java.util.Set<java.nio.file.attribute.PosixFilePermission> open = java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
			final java.util.Set<java.nio.file.attribute.PosixFilePermission> readOnly = java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x");
			Files.setPosixFilePermissions(home, open);
			Files.createDirectories(home.resolve("bin"));
			Files.copy(Paths.get("bin", "lungprep"), home.resolve("bin").resolve("lungprep"));
			assertTrue(home.resolve("bin").resolve("lungprep").toFile().setExecutable(true, false));
			final Path target = Files.createDirectories(home.resolve("target"));
			Files.copy(jar, target.resolve("lungprep-cli.jar"));
			Files.setPosixFilePermissions(target.resolve("lungprep-cli.jar"), java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
			Files.setPosixFilePermissions(target, readOnly);
			final Path out = Files.createDirectories(home.resolve("out"));
			Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
			final List<String> cmd = new ArrayList<>();
			if (root) cmd.addAll(List.of(runuser.toString(), "-u", "nobody", "--"));
			cmd.addAll(List.of(home.resolve("bin").resolve("lungprep").toString(), "demo", "--out", out.resolve("demo").toString()));
			final ProcessBuilder pb = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true);
			pb.environment().remove("LUNGPREP_JAVA_OPTS");
			pb.environment().remove("LUNGPREP_NO_CDS");
			pb.environment().remove("JAVA_TOOL_OPTIONS");
			final Process p = pb.start();
			final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher finished");
			assertEquals(0, p.exitValue(), output);
			assertTrue(Files.isRegularFile(out.resolve("demo").resolve("qc.png")), output);
			assertFalse(output.contains("shared archive"), output);
			assertEquals(List.of("lungprep-cli.jar"), list(target), "nothing written into the read-only folder");
		}
		finally {
			Files.setPosixFilePermissions(home.resolve("target"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			try (Stream<Path> s = Files.walk(home)) {
				s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
			}
		}
	}

	private static List<String> list(final Path dir) throws IOException {
		final List<String> names = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.forEach(p -> names.add(p.getFileName().toString()));
		}
		names.sort(null);
		return names;
	}

	private static final class Run {
		int code;
		String output;
	}

	private static Run run(final Path launcher, final Path cwd, final String toolOptions, final String... args) throws Exception {
		return run(launcher, cwd, toolOptions, null, args);
	}

	/** With pathFirst (a folder holding a {@code java}) put before the rest of PATH, or null. */
	private static Run run(final Path launcher, final Path cwd, final String toolOptions, final Path pathFirst, final String... args) throws Exception {
		final List<String> cmd = new ArrayList<>();
		cmd.add(launcher.toString());
		cmd.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
		final Map<String, String> env = pb.environment();
		env.remove("LUNGPREP_JAVA_OPTS");
		env.remove("LUNGPREP_NO_CDS");
		if (toolOptions != null) env.put("JAVA_TOOL_OPTIONS", toolOptions);
		else env.remove("JAVA_TOOL_OPTIONS");
		// the launcher runs the java on PATH: the one running this test, unless a test puts another first
		final String path = Paths.get(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin");
		env.put("PATH", pathFirst == null ? path : pathFirst + java.io.File.pathSeparator + path);
		final Process p = pb.start();
		final byte[] out = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher finished");
		final Run r = new Run();
		r.code = p.exitValue();
		r.output = new String(out, StandardCharsets.UTF_8);
		return r;
	}
}
