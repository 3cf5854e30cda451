package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary names without SecureRandom, and writing through them. */
class AtomicFilesTest {

	@TempDir
	Path tmp;

	@Test
	void uniqueFoldersFromManyThreads() throws IOException {
		final Set<Path> made = ConcurrentHashMap.newKeySet();
		IntStream.range(0, 2000).parallel().forEach(i -> {
			try {
				made.add(AtomicFiles.createUniqueDirectory(tmp, ".job-"));
			}
			catch (final IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		});
		assertEquals(2000, made.size());
		try (Stream<Path> s = Files.list(tmp)) {
			final List<Path> listed = s.collect(Collectors.toList());
			assertEquals(2000, listed.size());
			for (final Path p : listed) {
				assertTrue(Files.isDirectory(p));
				assertTrue(p.getFileName().toString().startsWith(".job-"), p.toString());
			}
		}
	}

	@Test
	void tagsDiffer() {
		final Set<String> tags = new HashSet<>();
		for (int i = 0; i < 100_000; i++)
			assertTrue(tags.add(AtomicFiles.uniqueTag()), "tag drawn twice after " + i);
	}

	@Test
	void writeStringReplacesAndLeavesNothingElse() throws IOException {
		final Path target = tmp.resolve("report.json");
		AtomicFiles.writeString(target, "first");
		AtomicFiles.writeString(target, "second \u00e9");
		assertEquals("second \u00e9", new String(Files.readAllBytes(target), StandardCharsets.UTF_8));
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(List.of(target), s.collect(Collectors.toList()));
		}
	}

	@Test
	void missingParentIsAnError() {
		assertThrows(IOException.class, () -> AtomicFiles.createUniqueDirectory(tmp.resolve("missing"), "x-"));
		assertFalse(Files.exists(tmp.resolve("missing")));
	}
}
