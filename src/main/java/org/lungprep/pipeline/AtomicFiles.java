package org.lungprep.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Outputs appear complete or not at all: files and folders are written under a temporary name in
 * the same folder and renamed into place.
 */
public final class AtomicFiles {

	private AtomicFiles() { }

	/** How often a temporary name that exists already is drawn again before giving up. */
	private static final int ATTEMPTS = 100;

	/**
	 * A part of a temporary name: 64 random bits and the time. Not {@code UUID.randomUUID()}, whose first call in a JVM
	 * seeds a SecureRandom (about 30 ms of a one-shot run), nor the process id (10-15 ms for ProcessHandle's first
	 * use). Callers create the name exclusively and draw again when it exists, so a clash (another process writing into
	 * the same shared folder) costs a retry, never a mix-up.
	 */
	static String uniqueTag() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime() & 0xffffffL);
	}

	/**
	 * Creates a new, empty folder named {@code prefix} + a unique part in {@code parent} (which must exist).
	 *
	 * @return the folder
	 * @throws IOException when it cannot be created
	 */
	public static Path createUniqueDirectory(final Path parent, final String prefix) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				return Files.createDirectory(parent.resolve(prefix + uniqueTag()));
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt == ATTEMPTS) throw e;
			}
		}
	}

	/** Writes text to {@code target} through a temporary file and a rename. */
	public static void writeString(final Path target, final String text) throws IOException {
		final Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		// a plain new file (not createTempFile, whose owner-only permissions would stay with the result)
		for (int attempt = 1;; attempt++) {
			final Path tmp = dir.resolve("." + target.getFileName() + "." + uniqueTag() + ".tmp");
			try {
				Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt == ATTEMPTS) throw e;
				continue;
			}
			try {
				move(tmp, target);
				return;
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
	}

	/** Renames {@code from} to {@code to}, atomically where the file system allows, replacing a file. */
	public static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Moves a finished folder into place; an existing folder at {@code to} is deleted first when
	 * {@code replace}, else it is an error.
	 */
	public static void publishFolder(final Path from, final Path to, final boolean replace) throws IOException {
		if (Files.exists(to)) {
			if (!replace) throw new java.nio.file.FileAlreadyExistsException(to.toString());
			final Path old = to.resolveSibling("." + to.getFileName() + ".old-" + System.nanoTime());
			Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
			try {
				Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final IOException e) {
				Files.move(old, to, StandardCopyOption.ATOMIC_MOVE);
				throw e;
			}
			deleteTree(old);
			return;
		}
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final DirectoryNotEmptyException e) {
			throw new java.nio.file.FileAlreadyExistsException(to.toString());
		}
	}

	/** Deletes a file or a folder with everything in it; nothing when it does not exist. */
	public static void deleteTree(final Path p) throws IOException {
		if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
		Files.walkFileTree(p, new SimpleFileVisitor<Path>() {
			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException {
				if (exc != null) throw exc;
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}
