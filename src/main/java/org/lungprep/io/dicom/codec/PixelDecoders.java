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
