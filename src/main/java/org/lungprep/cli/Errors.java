package org.lungprep.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line the user sees. */
final class Errors {

	private Errors() { }

	static String oneLine(final Throwable t) {
		if (t instanceof NoSuchFileException) return t.getMessage() + ": no such file or folder";
		if (t instanceof AccessDeniedException) return t.getMessage() + ": permission denied";
		if (t instanceof FileAlreadyExistsException) return t.getMessage() + ": already exists";
		if (t instanceof OutOfMemoryError) return "out of memory; give Java more with -Xmx (e.g. java -Xmx8g -jar lungprep-cli.jar ...)";
		String m = t.getMessage();
		if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
		return m.replace('\n', ' ');
	}
}
