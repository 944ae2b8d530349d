package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamFileLayoutTest {
  private static final long PAGE = StreamFileLayout.DATA_PAGE_BYTES;

  @Test
  void newFileSizeIsHeaderPagePlusHundredDataPages() {
    assertThat(StreamFileLayout.INITIAL_FILE_BYTES).isEqualTo(104_861_696L);
  }

  @Test
  void exactPageBoundaryHasNoRoomLeftAndNeedsNoPadding() {
    long boundary = 4096 + PAGE;
    assertThat(StreamFileLayout.remainingInPage(boundary)).isZero();
    assertThat(StreamFileLayout.remainingInPage(4096)).isZero();
    // Remaining 0 means "entryLen > remaining": a skip of zero bytes, so the entry starts right there.
    assertThat(StreamFileLayout.placement(boundary, 100)).isEqualTo(boundary);
  }

  @Test
  void entryThatFitsExactlyStaysInPlace() {
    long pos = 4096 + PAGE - 60;
    assertThat(StreamFileLayout.needsPadding(pos, 60)).isFalse();
    assertThat(StreamFileLayout.placement(pos, 60)).isEqualTo(pos);
  }

  @Test
  void entryOneByteTooLongMovesToNextPage() {
    long pos = 4096 + PAGE - 60;
    assertThat(StreamFileLayout.needsPadding(pos, 61)).isTrue();
    assertThat(StreamFileLayout.placement(pos, 61)).isEqualTo(4096 + PAGE);
  }

  @Test
  void growthAddsTenPages() {
    assertThat(StreamFileLayout.grownSize(StreamFileLayout.INITIAL_FILE_BYTES)).isEqualTo(4096 + 110 * PAGE);
  }
}
