package org.lungprep.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.VolumeIOException;

/** Every registered decoder meets the same misuse: empty, truncated and garbage frames end in a VolumeIOException naming the file. */
class FrameDecoderContractTest {

	private static final Path FILE = Paths.get("some", "file.dcm");
	private static final FrameFormat FORMAT = new FrameFormat(64, 64, 16, 12, false, 1, 0);

	@Test
	void malformedFramesAreVolumeIoExceptions() {
		final Random r = new Random(42);
		for (final String uid : PixelDecoders.supported()) {
			final FrameDecoder d = PixelDecoders.forTransferSyntax(uid).orElseThrow();
			final byte[] garbage = new byte[500];
			r.nextBytes(garbage);
			final byte[] rleHeaderOnly = new byte[64];
			rleHeaderOnly[0] = 2;
			rleHeaderOnly[4] = 64;
			rleHeaderOnly[8] = (byte) 200;
			for (final byte[] frame : new byte[][] { new byte[0], new byte[10], garbage, rleHeaderOnly }) {
				final VolumeIOException e = assertThrows(VolumeIOException.class, () -> d.decode(frame, FORMAT, FILE), uid + ", frame of " + frame.length);
				assertTrue(e.getMessage().contains("file.dcm"), e.getMessage());
			}
		}
	}
}
