package org.lungprep.io.dicom.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table of compressed transfer syntaxes LungPrep decodes. Native (uncompressed) and deflated
 * syntaxes are handled by the reader itself and are not listed here.
 */
public final class PixelDecoders {

	private static final Map<String, FrameDecoder> DECODERS;

	static {
		final Map<String, FrameDecoder> m = new LinkedHashMap<>();
		final String tm = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader";
		final String j2k = "com.github.jaiimageio.jpeg2000.impl.J2KImageReader";
		m.put("1.2.840.10008.1.2.5", new RleDecoder());
		m.put("1.2.840.10008.1.2.4.50", new ImageIoDecoder(tm, "JPEG Baseline"));
		m.put("1.2.840.10008.1.2.4.51", new DctJpegDecoder());
		m.put("1.2.840.10008.1.2.4.57", new LosslessJpegDecoder());
		m.put("1.2.840.10008.1.2.4.70", new LosslessJpegDecoder());
		m.put("1.2.840.10008.1.2.4.90", new ImageIoDecoder(j2k, "JPEG 2000 Lossless"));
		m.put("1.2.840.10008.1.2.4.91", new ImageIoDecoder(j2k, "JPEG 2000"));
		DECODERS = Collections.unmodifiableMap(m);
	}

	private PixelDecoders() { }

	/** @return the decoder of an encapsulated transfer syntax UID, empty when LungPrep has none */
	public static Optional<FrameDecoder> forTransferSyntax(final String transferSyntaxUid) {
		return Optional.ofNullable(DECODERS.get(transferSyntaxUid));
	}

	/** @return the UIDs with a decoder, in table order */
	public static Iterable<String> supported() { return DECODERS.keySet(); }
}
