package org.lungprep.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file or folder could not be read or written as a volume. The message always names the
 * file and says what is wrong, in one line suitable for the user.
 */
public class VolumeIOException extends IOException {
	private static final long serialVersionUID = 1L;

	private final transient Path file;

	/**
	 * @param file the file or folder at fault (may be null when there is none)
	 * @param reason what is wrong, e.g. "truncated in element (7FE0,0010)"
	 */
	public VolumeIOException(final Path file, final String reason) {
		super(file == null ? reason : file + ": " + reason);
		this.file = file;
	}

	/** Same, keeping the low-level cause for logs. */
	public VolumeIOException(final Path file, final String reason, final Throwable cause) {
		super(file == null ? reason : file + ": " + reason, cause);
		this.file = file;
	}

	/** @return the file at fault, or null */
	public Path file() { return file; }
}
