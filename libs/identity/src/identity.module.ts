import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { PassportModule } from '@nestjs/passport';
import './identity.messages.js';
import { AccessGuard } from './access/access.guard.js';
import { JwtAuthenticator } from './access/jwt-authenticator.js';
import { JwtStrategy } from './access/jwt.strategy.js';
import { OpenSessions } from './access/open-sessions.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { RegistrationLimit } from './auth/registration-limit.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { SessionRepository } from './session/session.repository.js';
import { RefreshTokenRecord, RefreshTokenSchema, SessionRecord, SessionSchema } from './session/session.schema.js';
import { TokenService } from './session/token.service.js';
import { UserRepository } from './user/user.repository.js';
import { UserResolver } from './user/user.resolver.js';
import { UserRecord, UserSchema } from './user/user.schema.js';
import { UsersService } from './user/users.service.js';
import { AvatarService } from './user/avatar.service.js';
import { FilesModule } from '@helpboard/files';
import { ImportedAccountsService } from './user/imported-accounts.service.js';
import { AccountEmailService } from './account/account-email.service.js';
import { AccountMailer } from './account/account-mail.port.js';
import { AccountTokenRepository } from './account/account-token.repository.js';
import { AccountTokenRecord, AccountTokenSchema } from './account/account-token.schema.js';
import { AccountResolver } from './account/account.resolver.js';

@Module({
  imports: [
    FilesModule,
    PassportModule,
    JwtModule.register({}),
    MongooseModule.forFeature([
      { name: UserRecord.name, schema: UserSchema },
      { name: SessionRecord.name, schema: SessionSchema },
      { name: RefreshTokenRecord.name, schema: RefreshTokenSchema },
      { name: AccountTokenRecord.name, schema: AccountTokenSchema },
    ]),
  ],
  providers: [
    UserRepository,
    SessionRepository,
    UsersService,
    AvatarService,
    ImportedAccountsService,
    AuthService,
    TokenService,
    PasswordHasher,
    LoginThrottle,
    RegistrationLimit,
    JwtStrategy,
    OpenSessions,
    LocalStrategy,
    JwtAuthenticator,
    AccessGuard,
    AuthResolver,
    UserResolver,
    AccountTokenRepository,
    AccountMailer,
    AccountEmailService,
    AccountResolver,
  ],
  exports: [
    UsersService,
    AvatarService,
    ImportedAccountsService,
    AuthService,
    AccessGuard,
    AccountEmailService,
    AccountMailer,
  ],
})
export class IdentityModule {}
