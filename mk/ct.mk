# Constant-time check (test/ct) and fault injection (test/faults): the
# builds their run.sh scripts ask for. `make check-ct` and `make
# check-faults` run the suites.
#
# build/ct/ct-test: core built with -DOTP_CTGRIND (OTP_DECLASSIFY active),
#   at the production optimisation level, so valgrind judges the code that ships.
# build/ct/ct-test-plain: the same test on core built without it; the
#   declassified results are then secret, so valgrind must report them:
#   proof that the check sees the real verify path.
# build/ct/ct-test-leaky: core's CRYPTO_memcmp calls redirected (--wrap) to
#   an early-exit compare, which valgrind must report.

CT_BUILD = $(BUILD)/ct
CT_CFLAGS = -std=c99 -O2 -gdwarf-4 -fPIC $(WARN_CFLAGS) -Wconversion -Wshadow \
	-D_POSIX_C_SOURCE=200809L
CT_TEST_CFLAGS = -std=c99 -O1 -gdwarf-4 $(WARN_CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore
CT_CORE_OBJS = $(CORE_SRCS:core/%.c=$(CT_BUILD)/core/%.o)
CT_PLAIN_OBJS = $(CORE_SRCS:core/%.c=$(CT_BUILD)/plain/%.o)

.PHONY: ct-build check-ct faults-build faults-build-asan check-faults

ct-build: $(CT_BUILD)/ct-test $(CT_BUILD)/ct-test-plain $(CT_BUILD)/ct-test-leaky

$(CT_BUILD)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CT_CFLAGS) -DOTP_CTGRIND -c $< -o $@

$(CT_BUILD)/plain/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CT_CFLAGS) -c $< -o $@

$(CT_BUILD)/ct_test.o: test/ct/ct_test.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CT_TEST_CFLAGS) -c $< -o $@

$(CT_BUILD)/leaky.o: test/ct/leaky.c
	@mkdir -p $(dir $@)
	$(CC) $(CT_TEST_CFLAGS) -c $< -o $@

$(CT_BUILD)/ct-test: $(CT_BUILD)/ct_test.o $(CT_CORE_OBJS)
	$(CC) -Wl,--wrap=RAND_bytes $^ -o $@ $(CORE_LIBS)

$(CT_BUILD)/ct-test-plain: $(CT_BUILD)/ct_test.o $(CT_PLAIN_OBJS)
	$(CC) -Wl,--wrap=RAND_bytes $^ -o $@ $(CORE_LIBS)

$(CT_BUILD)/ct-test-leaky: $(CT_BUILD)/ct_test.o $(CT_BUILD)/leaky.o $(CT_CORE_OBJS)
	$(CC) -Wl,--wrap=RAND_bytes -Wl,--wrap=CRYPTO_memcmp $^ -o $@ $(CORE_LIBS)

check-ct:
	@test/ct/run.sh

# Fault injection. The seams are the OpenSSL functions core/*.c calls that
# can fail, and open/read of the keyring file, redirected with --wrap so
# that only the calls of our objects reach test/faults/faults.c, never
# libcrypto's or libsqlite3's calls to themselves. The drivers
# link the production core objects: the code that ships is the code tested.
# The SQLite driver compiles sqlite/*.c with -DSQLITE_CORE, so that it can
# call sqlite3_totp_init directly with SQLite's allocator replaced.
FAULTS_BUILD = $(BUILD)/faults
FAULTS_SEAMS = RAND_bytes SHA1_Init SHA1_Update SHA1_Final \
	SHA256_Init SHA256_Update SHA256_Final SHA512_Init SHA512_Update SHA512_Final \
	PKCS5_PBKDF2_HMAC EVP_Digest EVP_CIPHER_CTX_new \
	EVP_EncryptInit_ex EVP_EncryptUpdate EVP_EncryptFinal_ex \
	EVP_DecryptInit_ex EVP_DecryptUpdate EVP_DecryptFinal_ex EVP_CIPHER_CTX_ctrl open read
FAULTS_COMMA := ,
FAULTS_WRAP = $(addprefix -Wl$(FAULTS_COMMA)--wrap=,$(FAULTS_SEAMS))
FAULTS_CFLAGS = -std=c99 -O1 -g $(WARN_CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itest/faults
FAULTS_HARNESS = test/faults/faults.c test/faults/faults.h

faults-build: $(FAULTS_BUILD)/faults-core $(FAULTS_BUILD)/faults-sqlite

# The same drivers with AddressSanitizer, UBSan and LeakSanitizer over core
# and the extension, for memory errors on the error paths.
FAULTS_ASAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FAULTS_ASAN_OBJS = $(CORE_SRCS:core/%.c=$(FAULTS_BUILD)/asan/core/%.o)

faults-build-asan: $(FAULTS_BUILD)/asan/faults-core $(FAULTS_BUILD)/asan/faults-sqlite

$(FAULTS_BUILD)/asan/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CT_CFLAGS) $(FAULTS_ASAN) -c $< -o $@

$(FAULTS_BUILD)/asan/faults-core: test/faults/faults_core.c $(FAULTS_HARNESS) $(FAULTS_ASAN_OBJS)
	$(CC) $(FAULTS_CFLAGS) $(FAULTS_ASAN) $(FAULTS_WRAP) test/faults/faults_core.c \
		test/faults/faults.c $(FAULTS_ASAN_OBJS) -o $@ $(CORE_LIBS)

$(FAULTS_BUILD)/asan/faults-sqlite: test/faults/faults_sqlite.c $(FAULTS_HARNESS) \
		$(SQLITE_SRCS) $(SQLITE_HDRS) $(FAULTS_ASAN_OBJS)
	$(CC) $(FAULTS_CFLAGS) $(FAULTS_ASAN) -DSQLITE_CORE $(FAULTS_WRAP) \
		test/faults/faults_sqlite.c test/faults/faults.c $(SQLITE_SRCS) $(FAULTS_ASAN_OBJS) \
		-o $@ -lsqlite3 $(CORE_LIBS)

$(FAULTS_BUILD)/faults-core: test/faults/faults_core.c $(FAULTS_HARNESS) $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(FAULTS_CFLAGS) $(FAULTS_WRAP) test/faults/faults_core.c test/faults/faults.c \
		$(CORE_OBJS) -o $@ $(CORE_LIBS)

$(FAULTS_BUILD)/faults-sqlite: test/faults/faults_sqlite.c $(FAULTS_HARNESS) $(SQLITE_SRCS) \
		$(SQLITE_HDRS) $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(FAULTS_CFLAGS) -DSQLITE_CORE $(FAULTS_WRAP) test/faults/faults_sqlite.c \
		test/faults/faults.c $(SQLITE_SRCS) $(CORE_OBJS) -o $@ -lsqlite3 $(CORE_LIBS)

check-faults:
	@test/faults/run.sh
