package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/** Decodes one compressed frame of one transfer syntax. Implementations are stateless and thread-safe. */
public interface FrameDecoder {

	/**
	 * @param frame the frame's compressed bytes (all its fragments joined, item headers removed)
	 * @param format rows, columns, bits, signedness
	 * @param file the file being read, for error messages
	 * @return the stored values of the first sample, row by row (x fastest), {@code rows*columns} long;
	 *         16-bit values as their bit pattern (unsigned values above 32767 appear negative), 8-bit as 0..255
	 * @throws VolumeIOException naming {@code file} when the stream is corrupt or unsupported
	 */
	short[] decode(byte[] frame, FrameFormat format, Path file) throws VolumeIOException;
}
